package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

func handle(job int) { time.Sleep(10 * time.Millisecond) }

// acquireInside starts a goroutine per job and lets each wait for a slot:
// the limit holds for work, but nothing limits the goroutines waiting.
func acquireInside(jobs int) int {
	sem := make(chan struct{}, 3)
	var wg sync.WaitGroup
	for j := range jobs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			handle(j)
		})
	}
	peak := runtime.NumGoroutine()
	wg.Wait()
	return peak
}

// acquireBefore takes the slot before the go statement: the producer waits,
// so at most 3 workers exist and the backlog stays in the caller.
func acquireBefore(jobs int) int {
	sem := make(chan struct{}, 3)
	var wg sync.WaitGroup
	peak := 0
	for j := range jobs {
		sem <- struct{}{}
		peak = max(peak, runtime.NumGoroutine())
		wg.Go(func() {
			defer func() { <-sem }()
			handle(j)
		})
	}
	wg.Wait()
	return peak
}

func main() {
	fmt.Println("acquire inside the goroutine: peak", acquireInside(100), "goroutines")
	fmt.Println("acquire before go:            peak", acquireBefore(100), "goroutines")
}
