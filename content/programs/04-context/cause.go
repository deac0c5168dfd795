package main

import (
	"context"
	"errors"
	"fmt"
	"time"
)

var errSlowUpstream = errors.New("upstream took more than 50ms")

func main() {
	ctx, cancel := context.WithTimeoutCause(context.Background(), 50*time.Millisecond, errSlowUpstream)
	defer cancel()

	<-ctx.Done()
	fmt.Println("Err:  ", ctx.Err())          // only what happened
	fmt.Println("Cause:", context.Cause(ctx)) // why
	fmt.Println("is it our cause?", errors.Is(context.Cause(ctx), errSlowUpstream))
}
