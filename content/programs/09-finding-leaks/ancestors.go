package main

import (
	"fmt"
	"runtime"
	"time"
)

func worker(jobs <-chan int) {
	for range jobs { // jobs is never closed
	}
}

// dispatcher starts one worker per queue. The worker's own stack says only
// "created by main.dispatcher"; which call started the dispatcher is lost
// unless GODEBUG=tracebackancestors is set.
func dispatcher(queues int) {
	for i := 0; i < queues; i++ {
		go worker(make(chan int))
	}
}

func startPool() { go dispatcher(2) }

func main() {
	startPool()
	time.Sleep(time.Millisecond)
	buf := make([]byte, 1<<16)
	n := runtime.Stack(buf, true)
	fmt.Printf("%s", buf[:n])
}
