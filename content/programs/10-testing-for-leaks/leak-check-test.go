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

// goroutines returns the stack of every goroutine except the caller's.
func goroutines() map[string]string {
	buf := make([]byte, 64<<10)
	buf = buf[:runtime.Stack(buf, true)]
	all := map[string]string{}
	for i, g := range bytes.Split(buf, []byte("\n\n")) {
		if i > 0 { // the first stack is always the calling goroutine
			id := string(bytes.Fields(g)[1])
			all[id] = string(g)
		}
	}
	return all
}

// checkNoLeaks fails the test if goroutines started during it are still
// alive when it ends. Like goleak, it retries with a growing backoff
// before it gives up, since goroutines need a moment to finish.
func checkNoLeaks(t *testing.T) {
	before := goroutines()
	t.Cleanup(func() {
		for i := 0; i < 20 && runtime.NumGoroutine() > len(before)+1; i++ {
			time.Sleep(min(time.Microsecond<<i, 100*time.Millisecond))
		}
		for id, stack := range goroutines() {
			if _, ok := before[id]; !ok {
				t.Errorf("leaked goroutine:\n%s", stack)
			}
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
