package main

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// heartbeat stands in for per-request background work (pinging a monitor,
// refreshing a lease) that must stop when its request is finished.
func heartbeat(ctx context.Context, req string) {
	<-ctx.Done()
}

// handle owns one request; its defer runs when this request is done.
func handle(req string) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go heartbeat(ctx, req)
	fmt.Println("handled", req)
}

func serve(reqs <-chan string, done chan<- struct{}) {
	defer close(done)
	for req := range reqs {
		handle(req)
	}
}

func main() {
	reqs := make(chan string)
	done := make(chan struct{})
	go serve(reqs, done)
	for _, r := range []string{"a", "b", "c"} {
		reqs <- r
	}
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
	close(reqs) // no more requests: let serve return
	<-done
}
