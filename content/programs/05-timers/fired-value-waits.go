package main

import (
	"fmt"
	"time"
)

func main() {
	start := time.Now()
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer fires at 10ms while nobody is receiving

	before := time.Now()
	fired := <-t.C // the value from 10ms is still there
	fmt.Println("waited", time.Since(before))
	fmt.Println("value from", fired.Sub(start))
	fmt.Println("len", len(t.C), "cap", cap(t.C))
}
