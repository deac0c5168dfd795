package main

import "fmt"

// fib sends Fibonacci numbers until done is closed.
func fib(done <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		a, b := 0, 1
		for {
			select {
			case out <- a:
				a, b = b, a+b
			case <-done: // the consumer has had enough
				return
			}
		}
	}()
	return out
}

func main() {
	done := make(chan struct{})
	defer close(done)
	nums := fib(done)
	for i := 0; i < 8; i++ {
		fmt.Print(<-nums, " ")
	}
	fmt.Println()
}
