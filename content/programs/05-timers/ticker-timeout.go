package main

import (
	"fmt"
	"time"
)

func main() {
	// A leaked poller: it wakes up every second, forever.
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
		}
	}()

	done := make(chan struct{})
	go func() {
		fmt.Println("working")
		// forgot: close(done)
	}()
	<-done // stuck for good, yet the poller keeps the program alive
	fmt.Println("finished")
}
