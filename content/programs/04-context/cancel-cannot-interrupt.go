package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

func main() {
	ctx, cancel := context.WithCancel(context.Background())

	var mu sync.Mutex
	mu.Lock() // held by some code that never unlocks
	var wg sync.WaitGroup
	wg.Add(1) // a job that never calls Done

	go func() {
		mu.Lock() // ctx cannot wake this
		defer mu.Unlock()
		fmt.Println("locker: ctx says", ctx.Err())
	}()
	go func() {
		wg.Wait() // nor this
		fmt.Println("waiter: ctx says", ctx.Err())
	}()

	time.Sleep(10 * time.Millisecond)
	cancel()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("cancelled:", ctx.Err())
}
