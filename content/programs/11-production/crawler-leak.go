package main

import (
	"fmt"
	"runtime"
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

// crawl fetches pages concurrently, one goroutine per page, until it has limit pages.
func crawl(start string, limit int) int {
	results := make(chan page)
	seen := map[string]bool{start: true}
	go func() { results <- fetch(start) }()
	visited := 0
	for pending := 1; pending > 0; pending-- {
		p := <-results
		if visited++; visited == limit {
			return visited // enough pages: the fetches still in flight are abandoned
		}
		for _, l := range p.links {
			if !seen[l] {
				seen[l] = true
				pending++
				go func() { results <- fetch(l) }()
			}
		}
	}
	return visited
}

func main() {
	for job := 1; job <= 3; job++ {
		n := crawl("/", 4)
		time.Sleep(time.Second) // between jobs: every abandoned fetch has finished by now
		fmt.Printf("job %d: %d pages, goroutines: %d\n", job, n, runtime.NumGoroutine())
	}
}
