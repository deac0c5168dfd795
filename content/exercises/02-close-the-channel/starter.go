package main

import (
	"fmt"
	"time"
)

// evens passes on the even numbers it receives.
func evens(in <-chan int, out chan<- int) {
	for n := range in {
		if n%2 == 0 {
			out <- n
		}
	}
}

// sum adds up every number it receives and then reports the total.
func sum(nums <-chan int, total chan<- int) {
	t := 0
	for n := range nums {
		t += n
	}
	total <- t
}

// Make main print "total: 30" and leave no goroutine behind.
func main() {
	nums := make(chan int)
	even := make(chan int)
	total := make(chan int)
	go evens(nums, even)
	go sum(even, total)
	for i := 1; i <= 10; i++ {
		nums <- i
	}
	select {
	case t := <-total:
		fmt.Println("total:", t)
	case <-time.After(time.Second):
		fmt.Println("gave up waiting for the total")
	}
}
