package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs := make(chan int)
	results := make(chan int)
	var wg sync.WaitGroup

	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results <- j * j
			}
		}()
	}

	go func() {
		for j := 1; j <= 9; j++ {
			jobs <- j
		}
		close(jobs) // the only sender closes jobs: workers' range loops end
	}()

	go func() {
		wg.Wait()      // every worker has sent its last result
		close(results) // so main's range loop can end
	}()

	total := 0
	for r := range results {
		total += r
	}
	fmt.Println("total:", total)
}
