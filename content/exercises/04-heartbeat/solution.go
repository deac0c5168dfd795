package main

import (
	"context"
	"fmt"
	"time"
)

// heartbeat sends a beat number every second until ctx ends.
func heartbeat(ctx context.Context, beats chan<- int) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for n := 1; ; n++ {
		select { // wait for the tick or for cancellation
		case <-t.C:
		case <-ctx.Done():
			return
		}
		select { // and the same while handing the beat over
		case beats <- n:
		case <-ctx.Done():
			return
		}
	}
}

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
