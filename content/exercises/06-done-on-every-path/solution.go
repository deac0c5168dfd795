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

func main() {
	inputs := []string{"12", "x7", "40", "3", "", "9"}
	start := time.Now()
	var wg sync.WaitGroup
	var sum atomic.Int64
	// Room for one error per input: a failing worker never waits for a
	// reader, so it always reaches Done.
	errs := make(chan error, len(inputs))
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done() // runs on every return path
			n, err := lookup(in)
			if err != nil {
				errs <- fmt.Errorf("input %q: %w", in, err)
				return
			}
			sum.Add(int64(n))
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
