package main

import (
	"bytes"
	"runtime"
	"testing"
	"time"
)

// Goal: both tests pass. TestTailFirstTwo reads two lines, closes stop and
// expects tail's goroutine to be gone. Change tail, not the tests.

// tail sends lines one at a time until they run out or stop is closed.
func tail(lines []string, stop <-chan struct{}) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, l := range lines {
			out <- l
		}
	}()
	return out
}

// goroutines returns the stack of every goroutine except the caller's.
func goroutines() map[string]string {
	buf := make([]byte, 64<<10)
	buf = buf[:runtime.Stack(buf, true)]
	all := map[string]string{}
	for i, g := range bytes.Split(buf, []byte("\n\n")) {
		if i > 0 { // the first stack is always the calling goroutine
			all[string(bytes.Fields(g)[1])] = string(g)
		}
	}
	return all
}

// checkNoLeaks fails the test if goroutines it started are still alive at
// the end (after a goleak-style retry with backoff).
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

func TestTailFirstTwo(t *testing.T) {
	checkNoLeaks(t)
	stop := make(chan struct{})
	defer close(stop) // the reader is done after two lines
	out := tail([]string{"a", "b", "c", "d"}, stop)
	if got := <-out + <-out; got != "ab" {
		t.Fatalf("got %q, want ab", got)
	}
}

func TestTailAll(t *testing.T) {
	checkNoLeaks(t)
	got := ""
	for l := range tail([]string{"a", "b", "c", "d"}, make(chan struct{})) {
		got += l
	}
	if got != "abcd" {
		t.Fatalf("got %q, want abcd", got)
	}
}
