package main

import (
	"fmt"
	"time"
)

// sum adds up every number it receives and then reports the total.
func sum(nums <-chan int, total chan<- int) {
	t := 0
	for n := range nums {
		t += n
	}
	total <- t
}

// Make main print "total: 55" and leave no goroutine behind.
func main() {
	nums := make(chan int)
	total := make(chan int)
	go sum(nums, total)
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
