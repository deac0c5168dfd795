package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

// handle serves one request. One request in three asks for a report
// whose result is never collected: that path leaks a goroutine.
func handle(id int) {
	report := make(chan string)
	go func() { report <- fmt.Sprint("report ", id) }()
	if id%3 != 0 {
		<-report
	}
}

func snapshot(label string) {
	time.Sleep(time.Millisecond) // let the goroutines just started reach their send
	fmt.Println("=== " + label + " ===")
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 1)
}

func main() {
	go func() { select {} }() // a long-lived background goroutine, not a leak
	time.Sleep(time.Millisecond)
	for id := 1; id <= 6; id++ {
		handle(id)
	}
	snapshot("before")
	for id := 7; id <= 36; id++ { // "a few minutes" of traffic
		handle(id)
		time.Sleep(10 * time.Second)
	}
	snapshot("after")
}
