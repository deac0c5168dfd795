package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
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

func fetchAll(ids []int) error {
	ctx, cancel := context.WithCancel(context.Background())
	results := make(chan result)
	var wg sync.WaitGroup
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			select { // deliver the result, or give up when the reader has gone
			case results <- fetch(id):
			case <-ctx.Done():
			}
		}()
	}
	defer wg.Wait() // runs second: every sender has returned
	defer cancel()  // runs first: releases the senders still waiting
	for range ids {
		if r := <-results; r.err != nil {
			return r.err
		}
	}
	return nil
}

func main() {
	fmt.Println("error:", fetchAll([]int{1, 2, 3, 4, 5}))
}
