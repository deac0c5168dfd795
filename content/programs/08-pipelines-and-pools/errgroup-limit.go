package main

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, id int) (string, error) {
	if id == 3 {
		return "", errors.New("item 3: not found")
	}
	return fmt.Sprintf("item %d", id), ctx.Err()
}

// fetchAll runs at most 2 fetches at a time and stops at the first error.
// It also stops reading at the first error, so every send must be able to
// give up.
func fetchAll(ctx context.Context, ids []int) error {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2) // g.Go waits while 2 goroutines run: backpressure
	results := make(chan string)
	go func() {
		defer close(results)
		for _, id := range ids {
			g.Go(func() error {
				r, err := fetch(ctx, id)
				if err != nil {
					return err // cancels ctx for all the others
				}
				select {
				case results <- r:
					return nil
				case <-ctx.Done(): // nobody reads any more
					return ctx.Err()
				}
			})
		}
		g.Wait()
	}()
	for range results {
		if ctx.Err() != nil {
			break // the caller gives up early; the senders above cope
		}
	}
	return g.Wait()
}

func main() {
	err := fetchAll(context.Background(), []int{1, 2, 3, 4, 5, 6})
	fmt.Println("error:", err)
}
