package main

import (
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Parse every input in its own goroutine and count the failures.
// Expected output: "parsed 3, failed 1", with nothing left running.
func main() {
	inputs := []string{"12", "x7", "40", "3"}
	var wg sync.WaitGroup
	var parsed, failed atomic.Int32
	for _, in := range inputs {
		wg.Add(1)
		go func() {
			if _, err := strconv.Atoi(in); err != nil {
				failed.Add(1)
				return
			}
			parsed.Add(1)
			wg.Done()
		}()
	}

	finished := make(chan struct{})
	go func() {
		wg.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		fmt.Printf("parsed %d, failed %d\n", parsed.Load(), failed.Load())
	case <-time.After(time.Second):
		fmt.Println("timed out waiting for the parsers")
	}
}
