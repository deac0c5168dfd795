package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer fires while nobody is reading

	t.Reset(50 * time.Millisecond) // Reset throws the fired value away
	start := time.Now()
	<-t.C
	fmt.Println("after Reset: waited", time.Since(start))

	u := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond)
	fmt.Println("Stop returned", u.Stop()) // true: the value had not been received
	select {
	case <-u.C:
		fmt.Println("after Stop: received a stale value")
	default:
		fmt.Println("after Stop: nothing to receive")
	}
}
