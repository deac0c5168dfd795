package main

import (
	"fmt"
	"time"
)

// audit is read by a sink that takes one event and then shuts down.
var audit = make(chan string)

var dropped int

// record never blocks and never starts a goroutine: if the sink is not
// ready, the event is counted as dropped instead of parking forever.
func record(msg string) {
	select {
	case audit <- msg:
	default:
		dropped++
	}
}

func handle(id int) {
	defer record(fmt.Sprint("request ", id, " done"))
	fmt.Println("handling", id)
}

func main() {
	go func() { <-audit }()           // the sink: one event, then gone
	time.Sleep(10 * time.Millisecond) // let the sink start waiting
	for id := 1; id <= 4; id++ {
		handle(id)
	}
	fmt.Println("audit events dropped:", dropped)
}
