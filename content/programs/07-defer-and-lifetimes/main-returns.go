package main

import (
	"fmt"
	"time"
)

// writer batches records and flushes them in a deferred call.
func writer(records <-chan string) {
	n := 0
	defer func() { fmt.Println("writer: flushed", n, "records") }()
	for range records {
		time.Sleep(2 * time.Second) // a slow disk or network write
		n++
	}
}

func main() {
	records := make(chan string, 3)
	go writer(records)
	records <- "a"
	records <- "b"
	records <- "c"
	close(records)
	// main returns at once: the process exits and the writer's
	// deferred flush never runs.
	fmt.Println("main: done")
}
