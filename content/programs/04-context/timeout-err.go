package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// query honours its context: it returns as soon as ctx is done.
func query(ctx context.Context, work time.Duration) error {
	select {
	case <-time.After(work):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func main() {
	// WithTimeout(d) is WithDeadline(now+d): the context ends at a point in time.
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel() // frees the context's timer even if the query finishes first

	deadline, _ := ctx.Deadline()
	fmt.Println("deadline in:", time.Until(deadline).Round(time.Millisecond))

	err := query(ctx, 20*time.Millisecond)
	fmt.Println("fast query:", err)
	err = query(ctx, 200*time.Millisecond)
	fmt.Println("slow query:", err, errors.Is(err, context.DeadlineExceeded))
}
