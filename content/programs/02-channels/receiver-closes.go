package main

import (
	"fmt"
	"time"
)

func main() {
	jobs := make(chan int)
	go func() {
		for i := 1; ; i++ {
			jobs <- i // panics once the receiver has closed jobs
		}
	}()
	fmt.Println("got", <-jobs)
	close(jobs) // wrong side: only the sender knows when sending is over
	time.Sleep(10 * time.Millisecond)
	fmt.Println("not reached")
}
