package main

import (
	"context"
	"fmt"
	"time"
)

// prices sends a new price every 10ms. It has no way to hear that the
// caller stopped caring: it was never given the context.
func prices(out chan<- int) {
	for p := 100; ; p++ {
		time.Sleep(10 * time.Millisecond)
		out <- p
	}
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	out := make(chan int)
	go prices(out) // ctx stays here
	for i := 0; i < 3; i++ {
		fmt.Println("price", <-out)
	}
	time.Sleep(25 * time.Millisecond) // save the prices somewhere slow
	cancel()                          // we are done listening
	fmt.Println("stop:", ctx.Err())
}
