package main

import "fmt"

// squares sends the squares of 1..n, one at a time, on an unbuffered
// channel. Each send waits until somebody receives.
func squares(n int, out chan<- int) {
	for i := 1; i <= n; i++ {
		out <- i * i
	}
	fmt.Println("squares: done") // never printed
}

func main() {
	out := make(chan int)
	go squares(5, out)

	// The consumer only needs the first three values and stops there.
	for i := 0; i < 3; i++ {
		fmt.Println(<-out)
	}
	fmt.Println("main: got what I needed")
}
