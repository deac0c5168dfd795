package main

import (
	"fmt"
	"sync/atomic"
	"time"
)

// monitor prints the queue length every 10ms, forever.
func monitor(queue *atomic.Int64) {
	for range time.Tick(10 * time.Millisecond) {
		fmt.Println("queue length:", queue.Load())
	}
}

// Let main stop the monitor at 35ms and wait for it to say
// "monitor stopped" before returning. Nothing may be left running.
func main() {
	var queue atomic.Int64
	go monitor(&queue)
	for i := 0; i < 3; i++ {
		time.Sleep(5 * time.Millisecond) // jobs arrive at 5, 15 and 25ms
		queue.Add(1)
		time.Sleep(5 * time.Millisecond)
	}
	time.Sleep(5 * time.Millisecond)
}
