package main

import (
	"context"
	"fmt"
	"time"
)

// subscribe forwards events to handle until the subscription's context ends.
func subscribe(ctx context.Context, events <-chan string, handle func(string)) {
	for {
		select {
		case e := <-events:
			handle(e)
		case <-ctx.Done(): // the only way out of the loop
			return
		}
	}
}

func main() {
	for _, user := range []string{"ana", "bo"} {
		ctx, cancel := context.WithCancel(context.Background())
		events := make(chan string)
		go subscribe(ctx, events, func(e string) { fmt.Println(user, "got", e) })
		events <- "login"
		events <- "logout"
		cancel()
		time.Sleep(10 * time.Millisecond)
	}
}
