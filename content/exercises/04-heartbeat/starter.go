package main

import (
	"context"
	"fmt"
	"time"
)

// heartbeat sends a beat number every 10ms.
// It is handed a context but never looks at it.
func heartbeat(ctx context.Context, beats chan<- int) {
	t := time.NewTicker(10 * time.Millisecond)
	for n := 1; ; n++ {
		<-t.C
		beats <- n
	}
}

// Make heartbeat stop when the context ends. Expected output:
// beat 1, beat 2, beat 3, then "monitor: context deadline exceeded".
func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 35*time.Millisecond)
	defer cancel()

	beats := make(chan int)
	go heartbeat(ctx, beats)
	for {
		select {
		case n := <-beats:
			fmt.Println("beat", n)
		case <-ctx.Done():
			fmt.Println("monitor:", ctx.Err())
			return
		}
	}
}
