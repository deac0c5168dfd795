package main

import (
	"fmt"
	"strings"
	"time"
)

// logger collects lines and writes them out as one batch once lines is closed.
// It closes done after the batch is written, so the caller can wait for it.
func logger(lines <-chan string, done chan<- struct{}) {
	defer close(done) // deferred first, so it runs last
	var batch []string
	defer func() {
		time.Sleep(time.Second) // writing the batch to a slow disk
		fmt.Println(strings.Join(batch, "\n"))
	}()
	for l := range lines {
		batch = append(batch, l)
	}
}

func main() {
	lines := make(chan string)
	done := make(chan struct{})
	go logger(lines, done)
	for i := 1; i <= 3; i++ {
		lines <- fmt.Sprint("job ", i, " done")
	}
	close(lines)
	<-done // the batch is on disk and logger has returned
	fmt.Println("exiting")
}
