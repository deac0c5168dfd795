package main

import (
	"testing"

	"go.uber.org/goleak"
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

func TestFastestUnbuffered(t *testing.T) {
	defer goleak.VerifyNone(t)
	if got := fastest([]string{"a", "b", "c"}, false); got == "" {
		t.Fatal("no answer")
	}
}

func TestFastestBuffered(t *testing.T) {
	defer goleak.VerifyNone(t)
	if got := fastest([]string{"a", "b", "c"}, true); got == "" {
		t.Fatal("no answer")
	}
}
