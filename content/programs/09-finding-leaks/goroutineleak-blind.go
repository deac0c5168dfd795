package main

import (
	"fmt"
	"regexp"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

var (
	events = make(chan string) // package-level: always reachable
	mu     sync.Mutex          // package-level: always reachable
)

func local() {
	ch := make(chan int)
	go func() { ch <- 1 }()
}

func global() {
	go func() { events <- "started" }()
}

func locked() {
	mu.Lock() // and never unlocked
	go func() { mu.Lock() }()
}

func loopVar() {
	ch := make(chan int)
	for i := 0; i < 2; i++ {
		go func() { ch <- i }() // sends the captured i itself
	}
}

func main() {
	local()
	global()
	locked()
	loopVar()
	time.Sleep(time.Millisecond) // let the goroutines block

	p := pprof.Lookup("goroutineleak")
	if p == nil {
		fmt.Println("no goroutineleak profile on this Go")
		return
	}
	var b strings.Builder
	p.WriteTo(&b, 2)
	// Print one line per blocked goroutine: which function, and its mark.
	header := regexp.MustCompile(`^goroutine \d+ \[([^\]]+)\]:`)
	frame := regexp.MustCompile(`(?m)^main\.[\w.]+`)
	for _, g := range strings.Split(b.String(), "\n\n") {
		h := header.FindStringSubmatch(g)
		fn := frame.FindString(g)
		if h == nil || fn == "" || h[1] == "running" {
			continue
		}
		mark := "not marked"
		if strings.HasSuffix(h[1], "(leaked)") {
			mark = "LEAKED"
		}
		fmt.Printf("%-18s %s\n", fn, mark)
	}
}
