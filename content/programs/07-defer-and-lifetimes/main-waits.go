package main

import (
	"fmt"
	"time"
)

// writer batches records and flushes them in a deferred call.
// It closes done last, after the flush.
func writer(records <-chan string, done chan<- struct{}) {
	defer close(done)
	n := 0
	defer func() { fmt.Println("writer: flushed", n, "records") }()
	for range records {
		time.Sleep(2 * time.Second) // a slow disk or network write
		n++
	}
}

func main() {
	records := make(chan string, 3)
	done := make(chan struct{})
	go writer(records, done)
	records <- "a"
	records <- "b"
	records <- "c"
	close(records)
	<-done // wait until the writer has flushed and returned
	fmt.Println("main: done")
}
