package main

import (
	"fmt"
	"runtime"
	"time"
)

// firstReply asks three replicas and keeps the fastest answer.
func firstReply() int {
	replies := make(chan int)
	for r := 1; r <= 3; r++ {
		go func() { replies <- r }()
	}
	return <-replies // the two slower replicas are never read
}

func main() {
	fmt.Println("goroutines at start:", runtime.NumGoroutine())
	for i := 1; i <= 5; i++ {
		firstReply()
		time.Sleep(time.Millisecond) // let the replicas reach their send
		fmt.Printf("after call %d: %d goroutines\n", i, runtime.NumGoroutine())
	}
}
