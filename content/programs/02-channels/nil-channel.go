package main

import (
	"fmt"
	"time"
)

type Worker struct {
	results chan int // zero value is nil: nobody called make
}

func (w *Worker) run() {
	w.results <- 42 // a send on a nil channel blocks forever
}

func main() {
	w := &Worker{} // forgot: results: make(chan int, 1)
	go w.run()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("results channel is nil:", w.results == nil)
}
