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
	// One slot per sender: every send completes even after we stop
	// listening, and the channel is garbage collected with the answers.
	answers := make(chan string, 3)
	go func() { answers <- fetch("eu", 30*time.Millisecond) }()
	go func() { answers <- fetch("us", 10*time.Millisecond) }()
	go func() { answers <- fetch("asia", 50*time.Millisecond) }()
	return <-answers
}

func main() {
	fmt.Println(fastest())
	time.Sleep(100 * time.Millisecond) // long enough for every mirror to answer
	fmt.Println("goroutines:", runtime.NumGoroutine())
}
