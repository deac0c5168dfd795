package main

import (
	"fmt"
	"sync"
	"time"
)

// Queue hands items to workers; Close tells them to finish.
type Queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []string
	closed bool
}

func (q *Queue) Close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	// Bug: no q.cond.Broadcast(). Waiting workers never re-check closed.
}

// Pop waits for an item; ok is false once the queue is closed and empty.
func (q *Queue) Pop() (item string, ok bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait() // sleeps until Signal or Broadcast
	}
	if len(q.items) == 0 {
		return "", false
	}
	item, q.items = q.items[0], q.items[1:]
	return item, true
}

func main() {
	q := &Queue{}
	q.cond = sync.NewCond(&q.mu)
	for w := 1; w <= 2; w++ {
		go func() {
			for {
				if _, ok := q.Pop(); !ok {
					return
				}
			}
		}()
	}
	time.Sleep(10 * time.Millisecond) // both workers are now waiting
	q.Close()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("queue closed")
}
