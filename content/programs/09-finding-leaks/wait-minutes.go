package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	done := make(chan struct{})
	for i := 0; i < 2; i++ {
		go func() { <-done }() // nobody closes done
	}
	time.Sleep(time.Millisecond)
	// The runtime records when a goroutine blocked only when a garbage
	// collection scans it, and it uses the end of the previous cycle as
	// the time. Two cycles here; a busy server runs them all the time.
	runtime.GC()
	runtime.GC()
	time.Sleep(7 * time.Minute) // instant on the Playground's fake clock

	buf := make([]byte, 1<<16)
	n := runtime.Stack(buf, true)
	fmt.Printf("%s", buf[:n])
}
