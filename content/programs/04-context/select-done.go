package main

import (
	"context"
	"fmt"
	"time"
)

// prices waits on the send and on cancellation at the same time, so it
// returns as soon as the caller is gone, wherever it is blocked.
func prices(ctx context.Context, out chan<- int) {
	for p := 100; ; p++ {
		select {
		case <-time.After(10 * time.Millisecond):
		case <-ctx.Done():
			return
		}
		select {
		case out <- p:
		case <-ctx.Done():
			return
		}
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	out := make(chan int)
	go prices(ctx, out)
	for i := 0; i < 3; i++ {
		fmt.Println("price", <-out)
	}
	time.Sleep(25 * time.Millisecond) // save the prices somewhere slow
	cancel()                          // we are done listening
	fmt.Println("stop:", ctx.Err())
}
