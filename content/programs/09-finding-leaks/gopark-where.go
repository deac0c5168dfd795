package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"runtime"
	"runtime/pprof"
)

func main() {
	ch := make(chan int)
	go func() { <-ch }() // one goroutine parked in a channel receive
	runtime.Gosched()

	buf := make([]byte, 1<<20)
	stack := buf[:runtime.Stack(buf, true)]
	fmt.Println("runtime.Stack shows runtime.gopark:", bytes.Contains(stack, []byte("runtime.gopark")))

	for _, debug := range []int{2, 1} {
		var b bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&b, debug)
		fmt.Printf("debug=%d shows runtime.gopark:       %v\n", debug, bytes.Contains(b.Bytes(), []byte("runtime.gopark")))
	}

	// debug=0 is a gzipped protobuf; its string table holds every
	// function name, including the runtime frames the text formats hide.
	var b bytes.Buffer
	pprof.Lookup("goroutine").WriteTo(&b, 0)
	zr, _ := gzip.NewReader(&b)
	proto, _ := io.ReadAll(zr)
	fmt.Println("debug=0 (proto) has runtime.gopark:  ", bytes.Contains(proto, []byte("runtime.gopark")))
}
