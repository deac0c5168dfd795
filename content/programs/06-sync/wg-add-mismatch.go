package main

import (
	"fmt"
	"strings"
	"sync"
	"time"
)

func main() {
	jobs := []string{"alpha", "", "gamma"}
	var wg sync.WaitGroup
	wg.Add(len(jobs)) // counts three jobs...
	for _, j := range jobs {
		if j == "" {
			continue // ...but only two goroutines will call Done
		}
		go func() {
			defer wg.Done()
			_ = strings.ToUpper(j)
		}()
	}

	allDone := make(chan struct{})
	go func() {
		wg.Wait() // the counter stops at 1 and never reaches 0
		close(allDone)
	}()
	select {
	case <-allDone:
		fmt.Println("all jobs done")
	case <-time.After(time.Second):
		fmt.Println("gave up waiting for the jobs")
	}
}
