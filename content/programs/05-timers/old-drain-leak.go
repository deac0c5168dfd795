package main

import (
	"fmt"
	"time"
)

// wait returns true if a job arrives before the timeout.
func wait(jobs <-chan string, timeout time.Duration) bool {
	t := time.NewTimer(timeout)
	defer func() {
		// The pre-1.23 idiom. Stop returns false only when the value
		// has already been received, so this receive waits forever.
		if !t.Stop() {
			<-t.C
		}
	}()
	select {
	case j := <-jobs:
		fmt.Println("got", j)
		return true
	case <-t.C:
		return false
	}
}

func main() {
	jobs := make(chan string)
	go func() {
		if !wait(jobs, 10*time.Millisecond) {
			fmt.Println("timed out")
		}
	}()
	time.Sleep(50 * time.Millisecond)
	fmt.Println("main done")
}
