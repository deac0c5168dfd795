package main

import (
	"errors"
	"fmt"
	"time"
)

func slowQuery() int {
	time.Sleep(100 * time.Millisecond) // the database is having a bad day
	return 42
}

// queryWithTimeout gives up after limit. The worker can still finish.
func queryWithTimeout(limit time.Duration) (int, error) {
	result := make(chan int, 1) // room for the one late answer
	go func() {
		result <- slowQuery() // completes even if we already gave up
	}()
	select {
	case v := <-result:
		return v, nil
	case <-time.After(limit):
		return 0, errors.New("query timed out")
	}
}

func main() {
	_, err := queryWithTimeout(50 * time.Millisecond)
	fmt.Println(err)
}
