package main

import (
	"fmt"
	"time"
)

// startPoller checks a job's status every 10ms. Nothing ever tells the
// goroutine to stop, so it outlives the job and the ticker with it.
func startPoller(job string) {
	t := time.NewTicker(10 * time.Millisecond)
	go func() {
		for range t.C { // only ends if t.C were closed; Stop never closes it
			_ = job // check the job's status
		}
	}()
}

func main() {
	startPoller("backup")
	startPoller("report")
	time.Sleep(25 * time.Millisecond)
	fmt.Println("jobs done")
}
