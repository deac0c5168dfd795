package main

import (
	"fmt"
	"time"
)

// heartbeat reports every interval until the session ends.
func heartbeat(session string, interval time.Duration) {
	t := time.NewTicker(interval)
	for range t.C {
		fmt.Println(session, "alive")
	}
}

// Goal: each session prints exactly three heartbeats, then its heartbeat
// goroutine stops; no goroutine is left when main returns.
func main() {
	for _, s := range []string{"s1", "s2"} {
		go heartbeat(s, time.Second)
		time.Sleep(3500 * time.Millisecond) // the session lasts 3.5 s
		fmt.Println(s, "closed")
	}
}
