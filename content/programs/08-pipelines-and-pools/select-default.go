package main

import (
	"fmt"
	"time"
)

// consume polls for work instead of waiting for it.
func consume(in <-chan int) {
	for {
		select {
		case v := <-in:
			fmt.Println("got", v)
		default:
			// Nothing yet: nap and try again. This branch also runs
			// forever once the producer has stopped for good.
			time.Sleep(time.Second)
		}
	}
}

func main() {
	in := make(chan int)
	go consume(in)
	for v := 1; v <= 3; v++ {
		in <- v
	}
	// The producer is finished. The consumer cannot tell, and never stops.
	time.Sleep(50 * time.Millisecond)
}
