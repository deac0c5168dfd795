package main

import "fmt"

// consume waits for work and stops when the producer closes the channel.
func consume(in <-chan int, done chan<- struct{}) {
	defer close(done)
	for v := range in {
		fmt.Println("got", v)
	}
}

func main() {
	in := make(chan int)
	done := make(chan struct{})
	go consume(in, done)
	for v := 1; v <= 3; v++ {
		in <- v
	}
	close(in)
	<-done
}
