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

// odd passes on the odd numbers it receives until done is closed or in
// runs dry. It can block on its own send, so it needs done as well.
func odd(done <-chan struct{}, in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for n := range in {
			if n%2 == 0 {
				continue
			}
			select {
			case out <- n:
			case <-done:
				return
			}
		}
	}()
	return out
}

func main() {
	done := make(chan struct{})
	defer close(done) // on every way out of main, both stages hear it
	nums := odd(done, fib(done))
	for i := 0; i < 6; i++ {
		fmt.Print(<-nums, " ")
	}
	fmt.Println()
}
