package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// handle serves one request; one request in five takes a path that leaks.
func handle(leaky bool) {
	reply := make(chan int)
	go func() { reply <- 1 }()
	if !leaky {
		<-reply
	}
}

func main() {
	quit := make(chan struct{})
	var workers sync.WaitGroup
	for i := 0; i < 4; i++ {
		workers.Add(1)
		go func() { defer workers.Done(); <-quit }() // long-lived workers: the normal shape
	}
	baseline := runtime.NumGoroutine()
	fmt.Println("baseline:", baseline)

	var samples []int
	for minute := 1; minute <= 8; minute++ {
		for r := 0; r < 10; r++ {
			handle(r%5 == 0)
		}
		if minute == 3 { // a traffic burst: many goroutines, all of them finish
			for i := 0; i < 20; i++ {
				go time.Sleep(30 * time.Second)
			}
		}
		time.Sleep(10 * time.Second)
		n := runtime.NumGoroutine()
		samples = append(samples, n)
		fmt.Printf("minute %d: %d goroutines\n", minute, n)
		if n > baseline*3/2 && rising(samples, 4) {
			fmt.Printf("ALERT: %d goroutines, baseline %d, rising for 4 samples\n", n, baseline)
		}
		time.Sleep(50 * time.Second)
	}
	close(quit) // stop the workers; only the leaked goroutines remain
	workers.Wait()
}

// rising reports whether the last k samples are strictly increasing:
// a slow leak keeps climbing, a burst comes back down.
func rising(s []int, k int) bool {
	if len(s) < k {
		return false
	}
	for i := len(s) - k + 1; i < len(s); i++ {
		if s[i] <= s[i-1] {
			return false
		}
	}
	return true
}
