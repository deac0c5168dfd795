// This directive restores the timer channels of Go 1.22 and earlier.
//go:debug asynctimerchan=1

package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer fires while nobody is reading

	t.Reset(50 * time.Millisecond) // we expect to wait 50ms from now...
	start := time.Now()
	<-t.C // ...but the old value was still buffered in the channel
	fmt.Println("waited", time.Since(start))
}
