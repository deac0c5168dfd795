package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

// Goal: print the same three lines and leave no goroutines behind.
// There are two different leaks. Find both before you fix either.

type shipper struct {
	mu      sync.Mutex
	shipped []string
	flushes int
}

// send ships one batch.
func (s *shipper) send(batch []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shipped = append(s.shipped, strings.Join(batch, ","))
}

// flushEvery flushes on a timer so slow streams still get shipped.
func (s *shipper) flushEvery(d time.Duration) {
	t := time.NewTicker(d)
	go func() {
		for range t.C {
			s.mu.Lock()
			s.flushes++
			s.mu.Unlock()
		}
	}()
}

// run ships batches as they arrive and reports when it is done.
func (s *shipper) run(batches <-chan []string, done chan<- int) {
	n := 0
	for b := range batches {
		s.send(b)
		n++
	}
	done <- n
}

func main() {
	s := &shipper{}
	s.flushEvery(time.Second)
	batches := make(chan []string)
	done := make(chan int)
	go s.run(batches, done)
	for _, b := range [][]string{{"a", "b"}, {"c"}, {"d", "e", "f"}} {
		batches <- b
	}
	time.Sleep(10 * time.Millisecond) // give run time to ship the last batch
	s.mu.Lock()
	for _, line := range s.shipped {
		fmt.Println("shipped", line)
	}
	s.mu.Unlock()
}
