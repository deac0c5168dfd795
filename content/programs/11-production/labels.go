package main

import (
	"context"
	"os"
	"runtime/pprof"
	"time"
)

// search starts a lookup whose result it never reads: a leak.
// The goroutine inherits the labels of the code that started it.
func search(context.Context) {
	hits := make(chan string)
	go func() { hits <- "result" }()
}

func checkout(context.Context) {
	done := make(chan struct{})
	go func() { close(done) }()
	<-done
}

func main() {
	for i := 0; i < 3; i++ {
		// Label everything a handler does, including goroutines it starts.
		pprof.Do(context.Background(), pprof.Labels("handler", "search"), search)
		pprof.Do(context.Background(), pprof.Labels("handler", "checkout"), checkout)
	}
	time.Sleep(time.Millisecond)
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 1)
}
