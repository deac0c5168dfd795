package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"strings"
	"sync"
	"time"
)

var updates = make(chan string) // closed at shutdown

type index struct {
	mu    sync.Mutex
	words map[string]int
}

func subscriber(wg *sync.WaitGroup) {
	defer wg.Done()
	for range updates {
	}
}

func tokenize(doc string) []string {
	if len(doc) > 1000 {
		time.Sleep(2 * time.Second) // a huge document
	}
	return strings.Fields(doc)
}

// indexDoc tokenizes a document in the background, but gives up after a
// second so one huge document cannot stall the indexer. The buffer lets a
// late tokenizer deliver and exit after indexDoc has given up.
func (ix *index) indexDoc(doc string) {
	words := make(chan []string, 1)
	go func() { words <- tokenize(doc) }()
	select {
	case ws := <-words:
		ix.mu.Lock()
		for _, w := range ws {
			ix.words[w]++
		}
		ix.mu.Unlock()
	case <-time.After(time.Second):
	}
}

func main() {
	var wg sync.WaitGroup
	for range 40 {
		wg.Add(1)
		go subscriber(&wg)
	}
	ix := &index{words: map[string]int{}}
	huge := strings.Repeat("word ", 500)
	for _, d := range []string{"go leaks", huge, "go channels", huge, "goroutine leaks"} {
		ix.indexDoc(d)
	}
	time.Sleep(3 * time.Second) // let background work settle

	pprof.Lookup("goroutineleak").WriteTo(os.Stdout, 1)

	close(updates)
	wg.Wait()
	fmt.Println("indexed", len(ix.words), "distinct words")
}
