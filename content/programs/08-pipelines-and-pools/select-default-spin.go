package main

import (
	"fmt"
	"time"
)

// consume is the polling consumer with only half a fix: the producer now
// closes the channel, but the loop still never asks whether it was closed.
func consume(in <-chan int, done chan<- struct{}) {
	defer close(done)
	zeros, naps := 0, 0
	for zeros < 1_000_000 { // a guard so the demo ends; the real loop has none
		select {
		case v := <-in:
			if v == 0 {
				zeros++ // a receive from a closed channel: ready at once, value 0
				continue
			}
			fmt.Println("got", v)
		default:
			if zeros > 0 {
				naps++
			}
			time.Sleep(time.Second)
		}
	}
	fmt.Printf("after close: %d receives of 0 and %d naps: a busy loop\n", zeros, naps)
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
