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
		// Go 1.25+: Add(1), the go statement and a deferred Done in one call.
		wg.Go(func() {
			time.Sleep(time.Millisecond) // some setup first
			mu.Lock()
			results = append(results, i*i)
			mu.Unlock()
		})
	}
	wg.Wait()
	mu.Lock()
	fmt.Println("collected", len(results), "of 3 results")
	mu.Unlock()
}
