package main

import (
	"fmt"
	"runtime"
)

// process keeps a 64 KiB buffer alive on a goroutine that waits for a
// signal nobody will ever send. The garbage collector cannot free the
// buffer: it is reachable from a live goroutine's stack.
func process(stop chan struct{}) {
	buf := make([]byte, 64<<10)
	go func() {
		<-stop // never closed
		_ = buf[0]
	}()
}

func heapMiB() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc >> 20
}

func main() {
	before := heapMiB()
	stop := make(chan struct{})
	for i := 0; i < 500; i++ {
		process(stop)
	}
	fmt.Println("leaked goroutines:", runtime.NumGoroutine()-1)
	fmt.Println("heap held (MiB, rounded down):", heapMiB()-before)
}
