package main

import (
	"context"
	"fmt"
	"time"
)

// prices receives the context but only checks it between sends.
// The check passes, the send blocks, and cancel cannot wake it.
func prices(ctx context.Context, out chan<- int) {
	for p := 100; ; p++ {
		time.Sleep(10 * time.Millisecond)
		if ctx.Err() != nil {
			return
		}
		out <- p // blocks; a cancel that comes now is never seen
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
