package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

func lookup(replica int) int { return replica * 100 }

// fastest asks four replicas and keeps the first answer. The channel is
// local: once fastest returns, only the three blocked senders can reach it.
func fastest() int {
	answers := make(chan int)
	for i := 1; i <= 4; i++ {
		go func() { answers <- lookup(i) }()
	}
	return <-answers
}

// waitForever waits for a worker that was never started.
func waitForever() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { wg.Wait() }()
}

func main() {
	fastest()
	waitForever()
	time.Sleep(time.Millisecond) // let the goroutines block

	p := pprof.Lookup("goroutineleak")
	if p == nil {
		fmt.Println("no goroutineleak profile: needs Go 1.27+ (or Go 1.26 built with GOEXPERIMENT=goroutineleakprofile)")
		return
	}
	// Collecting this profile runs a garbage collection that looks for
	// goroutines blocked on something no runnable goroutine can reach.
	// debug=2 prints every goroutine and marks the leaked ones.
	p.WriteTo(os.Stdout, 2)
}
