package main

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// A tiny fake web: each page's links and how long it takes to fetch.
var web = map[string]struct {
	ms    int
	links []string
}{
	"/":      {5, []string{"/docs", "/blog", "/about"}},
	"/docs":  {20, []string{"/docs/1", "/docs/2"}},
	"/blog":  {30, []string{"/blog/1", "/blog/2", "/blog/3"}},
	"/about": {45, nil}, "/docs/1": {50, nil}, "/docs/2": {70, nil},
	"/blog/1": {80, nil}, "/blog/2": {90, nil}, "/blog/3": {110, nil},
}

type page struct {
	url   string
	links []string
}

func fetch(url string) page {
	time.Sleep(time.Duration(web[url].ms) * time.Millisecond)
	return page{url, web[url].links}
}

// crawl fetches pages concurrently, one goroutine per page, until it has
// limit pages. Before it returns, it releases and waits for every fetcher.
func crawl(start string, limit int) int {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	defer wg.Wait() // 2nd: every fetcher has returned
	defer cancel()  // 1st: fetchers still sending give up
	results := make(chan page)
	seen := map[string]bool{start: true}
	spawn := func(url string) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := fetch(url) // a real crawler would pass ctx to the HTTP request too
			select {
			case results <- p:
			case <-ctx.Done():
			}
		}()
	}
	spawn(start)
	visited := 0
	for pending := 1; pending > 0; pending-- {
		p := <-results
		if visited++; visited == limit {
			return visited
		}
		for _, l := range p.links {
			if !seen[l] {
				seen[l] = true
				pending++
				spawn(l)
			}
		}
	}
	return visited
}

func main() {
	for job := 1; job <= 3; job++ {
		n := crawl("/", 4)
		time.Sleep(time.Second) // between jobs
		fmt.Printf("job %d: %d pages, goroutines: %d\n", job, n, runtime.NumGoroutine())
	}
}
