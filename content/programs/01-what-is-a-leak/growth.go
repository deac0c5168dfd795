package main

import (
	"fmt"
	"runtime"
)

// serve handles one request and, by mistake, leaves one goroutine
// behind: it waits for a reply nobody will send. The 512-byte buffer it
// captures cannot be freed while the goroutine exists.
func serve(req int) {
	reply := make(chan []byte)
	buf := make([]byte, 512)
	go func() {
		data := <-reply // never sent
		copy(buf, data)
	}()
}

func main() {
	for req := 1; req <= 400; req++ {
		serve(req)
		if req%100 == 0 {
			fmt.Printf("after %d requests: %d goroutines\n", req, runtime.NumGoroutine())
		}
	}
}
