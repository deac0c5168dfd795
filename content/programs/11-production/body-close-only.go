package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"time"
)

// status fetches url and reports the status code.
func status(url string) int {
	resp, err := http.Get(url)
	if err != nil {
		return 0
	}
	// Go 1.27: after Close returns, the transport reads a bounded amount
	// of what is left, so a short unread body no longer costs the connection.
	defer resp.Body.Close()
	return resp.StatusCode
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})}
	go srv.Serve(ln)
	url := "http://" + ln.Addr().String() + "/health"

	for i := 1; i <= 3; i++ {
		code := status(url)
		time.Sleep(10 * time.Millisecond)
		fmt.Printf("check %d: %d, goroutines: %d\n", i, code, runtime.NumGoroutine())
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	fmt.Println("shutdown:", srv.Shutdown(ctx))
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(time.Millisecond) // closing is asynchronous: let the closed connections' goroutines return
}
