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
		wg.Add(1) // count the goroutine before it exists
		go func() {
			defer wg.Done()
			time.Sleep(time.Millisecond) // some setup first
			mu.Lock()
			results = append(results, i*i)
			mu.Unlock()
		}()
	}
	wg.Wait()
	mu.Lock()
	fmt.Println("collected", len(results), "of 3 results")
	mu.Unlock()
}
