package main

import (
	"fmt"
	"runtime"
	"time"
)

// handle answers one request. It computes the answer in a goroutine,
// but returns early for odd ids without ever reading the result.
func handle(id int) error {
	result := make(chan int) // unbuffered: a send waits for a receiver
	go func() {
		result <- id * 10 // blocks forever when nobody receives
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
