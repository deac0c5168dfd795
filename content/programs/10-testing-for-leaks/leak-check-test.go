package main

import (
	"bytes"
	"runtime"
	"testing"
	"time"
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

// goroutines returns the stack of every goroutine except the caller's,
// keyed by goroutine ID.
func goroutines() map[string]string {
	// Grow the buffer until the dump fits: a truncated dump would hide
	// goroutines, and a cut-off last stack has no ID to read.
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	all := map[string]string{}
	for i, g := range bytes.Split(buf, []byte("\n\n")) {
		f := bytes.Fields(g)
		if i == 0 || len(f) < 2 || string(f[0]) != "goroutine" {
			continue // the caller's own stack, or not a stack at all
		}
		all[string(f[1])] = string(g)
	}
	return all
}

// started returns the goroutines that are not in before.
func started(before map[string]string) map[string]string {
	added := map[string]string{}
	for id, stack := range goroutines() {
		if _, ok := before[id]; !ok {
			added[id] = stack
		}
	}
	return added
}

// checkNoLeaks fails the test if goroutines started during it are still
// alive when it ends. Like goleak, it retries with a growing backoff
// before it gives up, since goroutines need a moment to finish. It
// compares sets of IDs, never counts: one goroutine exiting must not hide
// another one that leaked.
func checkNoLeaks(t *testing.T) {
	before := goroutines()
	t.Cleanup(func() {
		leaked := started(before)
		for i := 0; i < 20 && len(leaked) > 0; i++ {
			time.Sleep(min(time.Microsecond<<i, 100*time.Millisecond))
			leaked = started(before)
		}
		for _, stack := range leaked {
			t.Errorf("leaked goroutine:\n%s", stack)
		}
	})
}

func TestFastestUnbuffered(t *testing.T) {
	checkNoLeaks(t)
	if got := fastest([]string{"a", "b", "c"}, false); got == "" {
		t.Fatal("no answer")
	}
}

func TestFastestBuffered(t *testing.T) {
	checkNoLeaks(t)
	if got := fastest([]string{"a", "b", "c"}, true); got == "" {
		t.Fatal("no answer")
	}
}
