package main

import (
	"fmt"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

// Goal: the program serves 20 requests on a busy server (50 workers, 8
// sessions). One request path leaks. Don't read the code first: copy the
// "before" and "after" dumps into the dump viewer's diff view (/dump/),
// find the group that grew, then fix it. Output lines after the dumps
// must stay the same, and nothing may be left behind.

type server struct {
	jobs     chan int
	sessions chan struct{}
	wg       sync.WaitGroup
	mu       sync.Mutex
	audit    []string
}

func (s *server) worker() {
	defer s.wg.Done()
	for j := range s.jobs {
		_ = j * j
	}
}

func (s *server) session() {
	defer s.wg.Done()
	<-s.sessions // closed at shutdown
}

// lookupUser asks the user service and the cache at once; the first
// answer wins.
func (s *server) lookupUser(id int) string {
	answer := make(chan string)
	go func() { answer <- fmt.Sprint("user-", id, " (service)") }()
	go func() { answer <- fmt.Sprint("user-", id, " (cache)") }()
	return <-answer
}

func (s *server) handle(req int) {
	s.jobs <- req
	if req%2 == 0 {
		s.lookupUser(req)
	}
	s.mu.Lock()
	s.audit = append(s.audit, fmt.Sprint("req ", req))
	s.mu.Unlock()
}

func dump(title string) {
	time.Sleep(time.Millisecond)
	fmt.Println("=== " + title + " ===")
	pprof.Lookup("goroutine").WriteTo(os.Stdout, 1)
}

func main() {
	s := &server{jobs: make(chan int), sessions: make(chan struct{})}
	for range 50 {
		s.wg.Add(1)
		go s.worker()
	}
	for range 8 {
		s.wg.Add(1)
		go s.session()
	}
	for r := 1; r <= 10; r++ {
		s.handle(r)
	}
	dump("before")
	for r := 11; r <= 20; r++ {
		s.handle(r)
	}
	dump("after")

	close(s.jobs)
	close(s.sessions)
	s.wg.Wait()
	fmt.Println("handled", len(s.audit), "requests")
}
