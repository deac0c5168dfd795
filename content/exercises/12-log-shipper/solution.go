package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

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

// flushEvery flushes on a timer until stop is closed, and returns a channel
// that is closed once the flusher has exited.
func (s *shipper) flushEvery(d time.Duration, stop <-chan struct{}) <-chan struct{} {
	exited := make(chan struct{})
	t := time.NewTicker(d)
	go func() {
		defer close(exited)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				s.mu.Lock()
				s.flushes++
				s.mu.Unlock()
			case <-stop:
				return
			}
		}
	}()
	return exited
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
	stop := make(chan struct{})
	flusher := s.flushEvery(time.Second, stop)
	batches := make(chan []string)
	done := make(chan int)
	go s.run(batches, done)
	for _, b := range [][]string{{"a", "b"}, {"c"}, {"d", "e", "f"}} {
		batches <- b
	}
	close(batches) // the producer says it is finished...
	<-done         // ...and waits until every batch is shipped, no guessing
	close(stop)
	<-flusher
	for _, line := range s.shipped {
		fmt.Println("shipped", line)
	}
}
