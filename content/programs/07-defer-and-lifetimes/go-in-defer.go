package main

import (
	"fmt"
	"time"
)

// audit is read by a sink that takes one event and then shuts down.
var audit = make(chan string)

func handle(id int) {
	// "Don't slow the request down": the audit send is pushed into a
	// goroutine started from a deferred call. Nothing owns that goroutine.
	defer func() {
		go func() { audit <- fmt.Sprint("request ", id, " done") }()
	}()
	fmt.Println("handling", id)
}

func main() {
	go func() { <-audit }() // the sink: one event, then gone
	for id := 1; id <= 4; id++ {
		handle(id)
	}
	time.Sleep(10 * time.Millisecond)
}
