package main

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// lookup stands in for a slow call made for every input.
func lookup(in string) (int, error) {
	time.Sleep(10 * time.Millisecond)
	return strconv.Atoi(in)
}

// Look up every input in its own goroutine, add up the numbers and
// count the failures. Expected: "sum 64, failed 2 in 10ms", with
// nothing left running when main returns.
func main() {
	inputs := []string{"12", "x7", "40", "3", "", "9"}
	start := time.Now()
	var wg sync.WaitGroup
	var sum atomic.Int64
	errs := make(chan error)
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			n, err := lookup(in)
			if err != nil {
				errs <- fmt.Errorf("input %q: %w", in, err)
				return
			}
			sum.Add(int64(n))
			wg.Done()
		}()
	}

	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(errs)
		close(finished)
	}()
	select {
	case <-finished:
	case <-time.After(time.Second):
		fmt.Println("timed out waiting for the lookups")
		return
	}
	failed := 0
	for range errs {
		failed++
	}
	fmt.Printf("sum %d, failed %d in %v\n", sum.Load(), failed, time.Since(start))
}
