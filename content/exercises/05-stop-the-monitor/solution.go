package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

// monitor prints the queue length every 10ms until stop is closed,
// then closes done.
func monitor(queue *atomic.Int64, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(10 * time.Millisecond) // unlike time.Tick, can be stopped
	defer t.Stop()
	for {
		select {
		case <-t.C:
			fmt.Println("queue length:", queue.Load())
		case <-stop:
			fmt.Println("monitor stopped")
			return
		}
	}
}

func main() {
	var queue atomic.Int64
	stop, done := make(chan struct{}), make(chan struct{})
	go monitor(&queue, stop, done)
	for i := 0; i < 3; i++ {
		time.Sleep(5 * time.Millisecond) // jobs arrive at 5, 15 and 25ms
		queue.Add(1)
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(5 * time.Millisecond)
	close(stop)
	<-done
}
