package main

import (
	"fmt"
	"runtime"
	"time"
)

// handle answers one request. The result channel has room for the one
// value the goroutine sends, so the send never waits for a reader.
func handle(id int) error {
	result := make(chan int, 1) // the fix: a buffer of one
	go func() {
		result <- id * 10 // completes at once, even if nobody ever reads
	}()
	if id%2 == 1 {
		return fmt.Errorf("request %d rejected", id)
	}
	fmt.Println("request", id, "answer", <-result)
	return nil
}

func main() {
	for id := 1; id <= 6; id++ {
		if err := handle(id); err != nil {
			fmt.Println(err)
		}
	}
	time.Sleep(10 * time.Millisecond) // give finished goroutines time to exit
	fmt.Println("goroutines alive:", runtime.NumGoroutine())
}
