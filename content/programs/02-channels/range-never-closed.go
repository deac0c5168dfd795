package main

import (
	"fmt"
	"time"
)

// logger prints every line it receives. A for-range over a channel only
// ends when the channel is closed and drained.
func logger(lines <-chan string) {
	for line := range lines {
		fmt.Println("log:", line)
	}
	fmt.Println("logger: stopped") // never printed: nobody closes lines
}

func main() {
	lines := make(chan string)
	go logger(lines)
	for _, l := range []string{"start", "work", "finish"} {
		lines <- l
	}
	time.Sleep(10 * time.Millisecond) // hope the logger is done
}
