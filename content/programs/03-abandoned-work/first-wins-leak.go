package main

import (
	"fmt"
	"runtime"
	"time"
)

// fetch pretends to download from a mirror; each mirror has its own speed.
func fetch(mirror string, delay time.Duration) string {
	time.Sleep(delay)
	return "data from " + mirror
}

// fastest asks every mirror and returns the first answer.
func fastest() string {
	answers := make(chan string) // unbuffered
	go func() { answers <- fetch("eu", 30*time.Millisecond) }()
	go func() { answers <- fetch("us", 10*time.Millisecond) }()
	go func() { answers <- fetch("asia", 50*time.Millisecond) }()
	return <-answers // one receive; the two slower senders wait forever
}

func main() {
	fmt.Println(fastest())
	time.Sleep(100 * time.Millisecond) // long enough for every mirror to answer
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
