package main

import (
	"os"
	"runtime/pprof"
	"time"
)

func subscribe(updates chan string) {
	for u := range updates { // nobody ever sends or closes
		_ = u
	}
}

func main() {
	for i := 0; i < 3; i++ {
		go subscribe(make(chan string))
	}
	time.Sleep(time.Millisecond)
	// debug=1: one record per distinct stack, with a count in front.
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 1)
}
