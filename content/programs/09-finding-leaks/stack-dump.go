package main

import (
	"fmt"
	"runtime"
	"sync"
	"time"
)

// allStacks returns the stacks of every goroutine, growing the buffer
// until the dump fits: runtime.Stack silently truncates to len(buf).
func allStacks() []byte {
	buf := make([]byte, 1024)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

func startWorkers(mu *sync.Mutex, n int) {
	for i := 0; i < n; i++ {
		go func() {
			mu.Lock() // waits for a lock that is never released
			defer mu.Unlock()
		}()
	}
}

func main() {
	var mu sync.Mutex
	mu.Lock() // taken and forgotten
	startWorkers(&mu, 2)
	time.Sleep(time.Millisecond)
	fmt.Printf("%s", allStacks())
}
