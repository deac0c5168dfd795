package main

import (
	"fmt"
	"strings"
	"time"
)

// logger collects lines and writes them out as one batch once lines is closed.
func logger(lines <-chan string) {
	var batch []string
	defer func() {
		time.Sleep(time.Second) // writing the batch to a slow disk
		fmt.Println(strings.Join(batch, "\n"))
	}()
	for l := range lines {
		batch = append(batch, l)
	}
}

// Goal: every job line is printed before "exiting", and no goroutine is left.
func main() {
	lines := make(chan string)
	go logger(lines)
	for i := 1; i <= 3; i++ {
		lines <- fmt.Sprint("job ", i, " done")
	}
	close(lines)
	fmt.Println("exiting")
}
