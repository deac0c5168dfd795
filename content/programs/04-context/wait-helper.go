package main

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// waitCtx waits for wg, or gives up when ctx ends.
func waitCtx(ctx context.Context, wg *sync.WaitGroup) error {
	done := make(chan struct{})
	go func() {
		wg.Wait() // still a wait that no cancellation reaches
		close(done)
	}()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	var wg sync.WaitGroup
	jobs := make(chan int)
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-jobs // nobody ever sends: this job never finishes
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	fmt.Println("wait:", waitCtx(ctx, &wg))
}
