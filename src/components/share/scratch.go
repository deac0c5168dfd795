package main

import (
	"fmt"
	"time"
)

func main() {
	results := make(chan string)
	go func() {
		time.Sleep(10 * time.Millisecond)
		results <- "done" // nobody receives: this goroutine leaks
	}()
	select {
	case r := <-results:
		fmt.Println(r)
	case <-time.After(time.Millisecond):
		fmt.Println("gave up waiting")
	}
}
