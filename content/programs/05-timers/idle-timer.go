package main

import (
	"fmt"
	"time"
)

// session ends after 30ms without a message. One timer, reset on every
// message, instead of a fresh time.After per loop iteration.
func session(msgs <-chan string) {
	idle := time.NewTimer(30 * time.Millisecond)
	defer idle.Stop()
	for {
		select {
		case m := <-msgs:
			fmt.Println("got", m)
			idle.Reset(30 * time.Millisecond) // Go 1.23+: safe without draining
		case <-idle.C:
			fmt.Println("idle: closing session")
			return
		}
	}
}

func main() {
	msgs := make(chan string)
	go func() {
		for _, m := range []string{"hello", "ping", "bye"} {
			time.Sleep(20 * time.Millisecond) // always under the idle limit
			msgs <- m
		}
	}()
	session(msgs)
}
