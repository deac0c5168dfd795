package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	jobs := make(chan int)
	var mu sync.Mutex
	sum := 0

	// A bounded pool: three workers share one jobs channel.
	for w := 1; w <= 3; w++ {
		go func() {
			for j := range jobs { // ends only when jobs is closed
				mu.Lock()
				sum += j
				mu.Unlock()
			}
		}()
	}

	for j := 1; j <= 10; j++ {
		jobs <- j
	}
	// The producer is done but never says so: no close(jobs).
	time.Sleep(10 * time.Millisecond) // "give the workers time to finish"
	mu.Lock()
	fmt.Println("sum:", sum)
	mu.Unlock()
}
