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
// One goroutine owns the group: it calls every g.Go, then the one g.Wait,
// and closes results after it, so the reader below can read to the end.
func fetchAll(ctx context.Context, ids []int) ([]string, error) {
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(2) // g.Go waits while 2 goroutines run: backpressure
	results := make(chan string)
	var err error
	go func() {
		for _, id := range ids {
			if ctx.Err() != nil {
				break // a fetch failed: start no more
			}
			g.Go(func() error {
				r, err := fetch(ctx, id)
				if err != nil {
					return err // cancels ctx for all the others
				}
				select {
				case results <- r:
					return nil
				case <-ctx.Done(): // the result is no longer wanted
					return ctx.Err()
				}
			})
		}
		err = g.Wait()
		close(results) // after err is set: the reader sees both
	}()
	var got []string
	for r := range results { // until closed: every goroutine has returned
		got = append(got, r)
	}
	return got, err
}

func main() {
	_, err := fetchAll(context.Background(), []int{1, 2, 3, 4, 5, 6})
	fmt.Println("error:", err)
}
