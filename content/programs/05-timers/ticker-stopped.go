package main

import (
	"fmt"
	"time"
)

// startPoller checks a job's status every 10ms until stop is called.
// It returns stop, which also waits until the goroutine has exited.
func startPoller(job string) (stop func()) {
	t := time.NewTicker(10 * time.Millisecond)
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		defer t.Stop() // release the ticker when the goroutine ends
		for {
			select {
			case <-t.C:
				_ = job // check the job's status
			case <-quit:
				return
			}
		}
	}()
	return func() { close(quit); <-done }
}

func main() {
	stopBackup := startPoller("backup")
	stopReport := startPoller("report")
	time.Sleep(25 * time.Millisecond)
	stopBackup()
	stopReport()
	fmt.Println("jobs done")
}
