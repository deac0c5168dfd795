package main

import (
	"errors"
	"fmt"
	"time"
)

type result struct {
	id  int
	err error
}

func fetch(id int) result {
	time.Sleep(time.Duration(id) * time.Millisecond) // later ids take longer
	if id == 2 {
		return result{id, errors.New("item 2: not found")}
	}
	return result{id: id}
}

// fetchAll fans out one goroutine per id and fans their results back in.
func fetchAll(ids []int) error {
	results := make(chan result) // unbuffered: each sender waits for a reader
	for _, id := range ids {
		go func() { results <- fetch(id) }()
	}
	for range ids {
		if r := <-results; r.err != nil {
			return r.err // stop reading: the remaining senders wait forever
		}
	}
	return nil
}

func main() {
	fmt.Println("error:", fetchAll([]int{1, 2, 3, 4, 5}))
	time.Sleep(100 * time.Millisecond)
}
