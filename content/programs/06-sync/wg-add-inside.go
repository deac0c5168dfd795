package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		results []int
	)
	for i := 1; i <= 3; i++ {
		go func() {
			time.Sleep(time.Millisecond) // some setup first
			wg.Add(1)                    // too late: main may already be in Wait
			defer wg.Done()
			mu.Lock()
			results = append(results, i*i)
			mu.Unlock()
		}()
	}
	wg.Wait() // counter is still 0: returns at once
	mu.Lock()
	fmt.Println("collected", len(results), "of 3 results")
	mu.Unlock()
}
