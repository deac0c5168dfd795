package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	sum := 0

	for w := 1; w <= 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				mu.Lock()
				sum += j
				mu.Unlock()
			}
		}()
	}

	for j := 1; j <= 10; j++ {
		jobs <- j
	}
	close(jobs) // the sender closes: "no more jobs", every range loop ends
	wg.Wait()   // no sleep and no guessing: wait until all workers returned
	fmt.Println("sum:", sum)
}
