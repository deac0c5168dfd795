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

// serve handles requests for as long as the process lives, like a real server loop.
func serve(reqs <-chan string) {
	for req := range reqs {
		ctx, cancel := context.WithCancel(context.Background())
		// Deferred calls run when serve returns, not when this iteration ends.
		// serve never returns, so no heartbeat is ever cancelled.
		defer cancel()
		go heartbeat(ctx, req)
		fmt.Println("handled", req)
	}
}

func main() {
	reqs := make(chan string)
	go serve(reqs)
	for _, r := range []string{"a", "b", "c"} {
		reqs <- r
	}
	time.Sleep(10 * time.Millisecond)
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
