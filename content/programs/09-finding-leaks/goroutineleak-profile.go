package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"time"
)

// fastest starts four lookups and keeps the first answer. The channel is
// local: once fastest returns, only the three blocked senders can reach it.
func fastest() int {
	answers := make(chan int)
	for i := 1; i <= 4; i++ {
		go func() { answers <- i }()
	}
	return <-answers
}

func main() {
	fastest()
	time.Sleep(time.Millisecond)

	p := pprof.Lookup("goroutineleak")
	if p == nil {
		fmt.Println("no goroutineleak profile: needs Go 1.27+ (or Go 1.26 built with GOEXPERIMENT=goroutineleakprofile)")
		return
	}
	// Collecting this profile runs a garbage collection that looks for
	// goroutines blocked on something no live goroutine can reach.
	p.WriteTo(os.Stdout, 1)
}
