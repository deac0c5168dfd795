package main

import (
	"context"
	"fmt"
	"time"
)

// heartbeat sends a beat number every second.
func heartbeat(ctx context.Context, beats chan<- int) {
	t := time.NewTicker(time.Second)
	for n := 1; ; n++ {
		<-t.C
		beats <- n
	}
}

// Make heartbeat stop when the context ends. Expected output:
// beat 1, beat 2, beat 3, then "monitor: context deadline exceeded".
func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 3200*time.Millisecond)
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
