package main

import (
	"fmt"
	"sync"
)

func main() {
	ids := []int{1, 2, 3, 4}
	squares := make([]int, len(ids))

	// WaitGroup.Go (Go 1.25) does Add(1) before starting the goroutine and
	// Done when the function returns, so neither can be forgotten or misplaced.
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Go(func() {
			squares[i] = id * id
		})
	}
	wg.Wait()
	fmt.Println(squares)
}
