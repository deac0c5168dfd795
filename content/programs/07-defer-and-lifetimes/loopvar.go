package main

import (
	"fmt"
	"sync"
	"time"
)

type worker struct {
	name string
	quit chan struct{}
	once sync.Once
}

func (w *worker) stop() { w.once.Do(func() { close(w.quit) }) }

func main() {
	var workers []*worker
	for _, name := range []string{"a", "b", "c"} {
		w := &worker{name: name, quit: make(chan struct{})}
		go func() { <-w.quit }() // runs until stopped
		workers = append(workers, w)
	}
	for _, w := range workers {
		// The closure captures the loop variable w. Which w it sees when
		// the deferred call finally runs depends on the Go version.
		defer func() {
			w.stop()
			fmt.Println("stopped", w.name)
		}()
	}
	time.Sleep(10 * time.Millisecond)
}
