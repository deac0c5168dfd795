package main

import (
	"fmt"
	"time"
)

// evens passes on the even numbers it receives, and closes out when in
// is closed: it is the only sender on out.
func evens(in <-chan int, out chan<- int) {
	defer close(out)
	for n := range in {
		if n%2 == 0 {
			out <- n
		}
	}
}

// sum adds up every number it receives and then reports the total.
func sum(nums <-chan int, total chan<- int) {
	t := 0
	for n := range nums { // ends once nums is closed and empty
		t += n
	}
	total <- t
}

func main() {
	nums := make(chan int)
	even := make(chan int)
	// One slot: if main ever gives up waiting, sum can still hand over
	// its total and return instead of blocking on the send for ever.
	total := make(chan int, 1)
	go evens(nums, even)
	go sum(even, total)
	for i := 1; i <= 10; i++ {
		nums <- i
	}
	close(nums) // main is the only sender on nums, so main closes it
	select {
	case t := <-total:
		fmt.Println("total:", t)
	case <-time.After(time.Second):
		fmt.Println("gave up waiting for the total")
	}
}
