package main

import "fmt"

// fib sends Fibonacci numbers forever.
func fib() <-chan int {
	out := make(chan int)
	go func() {
		a, b := 0, 1
		for {
			out <- a
			a, b = b, a+b
		}
	}()
	return out
}

// odd passes on the odd numbers it receives.
func odd(in <-chan int) <-chan int {
	out := make(chan int)
	go func() {
		for n := range in {
			if n%2 == 1 {
				out <- n
			}
		}
	}()
	return out
}

// Print the first six odd Fibonacci numbers and leave nothing running.
// A buffer cannot help here: fib never runs out of values.
func main() {
	nums := odd(fib())
	for i := 0; i < 6; i++ {
		fmt.Print(<-nums, " ")
	}
	fmt.Println()
}
