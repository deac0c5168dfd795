package main

import (
	"fmt"
	"time"
)

// The same program as reset-stale, with the default timers of Go 1.23+.
func main() {
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer fires while nobody is reading

	t.Reset(50 * time.Millisecond) // Go 1.23+: no stale value survives Reset
	start := time.Now()
	<-t.C
	fmt.Println("waited", time.Since(start))
}
