package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"strings"
	"time"
)

// report starts a lookup per request and gives up after a timeout, but
// the lookup's channel is unbuffered: a late answer is never received.
func report(w http.ResponseWriter, r *http.Request) {
	answer := make(chan string)
	go func() {
		time.Sleep(2 * time.Second) // a slow backend
		answer <- "42"
	}()
	select {
	case a := <-answer:
		fmt.Fprintln(w, a)
	case <-time.After(time.Second):
		http.Error(w, "timeout", http.StatusGatewayTimeout)
	}
}

func get(url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	var lines []string
	s := bufio.NewScanner(resp.Body)
	for s.Scan() {
		l := s.Text()
		if strings.HasPrefix(l, "goroutineleak profile") {
			lines = append(lines, l)
		}
		for _, f := range strings.Fields(l) {
			if strings.HasPrefix(f, "main.") {
				lines = append(lines, "  "+f[:strings.Index(f, "+")])
			}
		}
	}
	return strings.Join(lines, "\n")
}

func main() {
	app := http.NewServeMux()
	app.HandleFunc("/report", report)
	admin := http.NewServeMux() // loopback-only admin port, as earlier in this chapter
	admin.HandleFunc("/debug/pprof/", pprof.Index)

	appL, _ := net.Listen("tcp", "127.0.0.1:0")
	admL, _ := net.Listen("tcp", "127.0.0.1:0")
	appSrv, admSrv := &http.Server{Handler: app}, &http.Server{Handler: admin}
	go appSrv.Serve(appL)
	go admSrv.Serve(admL)

	for range 3 {
		resp, err := http.Get("http://" + appL.Addr().String() + "/report")
		if err == nil {
			resp.Body.Close()
			fmt.Println("GET /report:", resp.Status)
		}
	}
	time.Sleep(3 * time.Second) // the slow answers arrive, and nobody takes them

	// pprof.Index serves every named profile, goroutineleak included (Go 1.27).
	fmt.Println(get("http://" + admL.Addr().String() + "/debug/pprof/goroutineleak?debug=1"))

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	appSrv.Shutdown(ctx)
	admSrv.Shutdown(ctx)
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(time.Millisecond)
}
