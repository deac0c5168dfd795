package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// check reports whether the endpoint at base+path is healthy.
func check(base, path string) error {
	resp, err := http.Get(base + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close() // on every path, including the error below
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", path, resp.Status)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/db" {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})}
	go srv.Serve(ln)
	base := "http://" + ln.Addr().String()

	for round := 1; round <= 2; round++ {
		for _, path := range []string{"/api", "/db", "/cache"} {
			if err := check(base, path); err != nil {
				fmt.Println("unhealthy:", err)
			} else {
				fmt.Println("healthy:", path)
			}
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(time.Millisecond) // closing is asynchronous: let the closed connections' goroutines return
}
