package main

import (
	"fmt"
	"time"
)

// lookup asks a slow backend, but gives up after the timeout.
func lookup(key string, timeout time.Duration) (string, error) {
	result := make(chan string, 1) // the sender never waits, even if nobody reads
	go func() {
		time.Sleep(50 * time.Millisecond) // the backend's latency
		result <- "value-of-" + key
	}()
	select {
	case v := <-result:
		return v, nil
	case <-time.After(timeout):
		return "", fmt.Errorf("lookup %s: timed out", key)
	}
}

func main() {
	for _, timeout := range []time.Duration{100 * time.Millisecond, 10 * time.Millisecond, 20 * time.Millisecond} {
		if v, err := lookup("user:42", timeout); err != nil {
			fmt.Println("error:", err)
		} else {
			fmt.Println("value:", v)
		}
	}
	time.Sleep(time.Second) // plenty of time for any backend call to finish
}
