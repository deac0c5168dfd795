package main

import (
	"testing"
	"testing/synctest"
)

// fastest asks every replica and returns the first answer.
func fastest(replicas []string, buffered bool) string {
	size := 0
	if buffered {
		size = len(replicas) // room for every answer: no sender can block
	}
	answers := make(chan string, size)
	for _, r := range replicas {
		go func() { answers <- r }()
	}
	return <-answers
}

// synctest.Test runs the function in a bubble and, before it returns,
// waits for every goroutine started in the bubble to exit.
func TestFastestBuffered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if fastest([]string{"a", "b", "c"}, true) == "" {
			t.Error("no answer")
		}
	})
}

// Two senders stay blocked on a channel created inside the bubble, which
// only bubble goroutines could ever receive from: the test fails.
func TestFastestUnbuffered(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		if fastest([]string{"a", "b", "c"}, false) == "" {
			t.Error("no answer")
		}
	})
}
