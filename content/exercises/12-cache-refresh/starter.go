package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

// Goal: print the same lines and leave no goroutines behind.
// There are two different leaks. Find both before you fix either.

// fetch is a backend call; "slow" keys take three seconds.
func fetch(ctx context.Context, key string) string {
	if key == "slow" {
		time.Sleep(3 * time.Second)
	}
	return "value-of-" + key
}

// get gives up on a key after one second.
func get(key string) (string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	ch := make(chan string, 1) // room for a late answer
	go func() { ch <- fetch(ctx, key) }()
	select {
	case v := <-ch:
		return v, true
	case <-ctx.Done():
		return "", false
	}
}

// refresh reloads every key, waiting at most 1.5 seconds in all.
func refresh(keys []string) map[string]string {
	var mu sync.Mutex
	var wg sync.WaitGroup
	cache := map[string]string{}
	done := make(chan struct{})
	wg.Add(len(keys))
	for _, k := range keys {
		go func() {
			v, ok := get(k)
			if !ok {
				return // a timed-out key keeps its old value
			}
			mu.Lock()
			cache[k] = v
			mu.Unlock()
			wg.Done()
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(1500 * time.Millisecond): // long enough for every get
	}
	mu.Lock()
	defer mu.Unlock()
	return cache
}

func main() {
	cache := refresh([]string{"a", "slow", "b"})
	keys := make([]string, 0, len(cache))
	for k := range cache {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, "=", cache[k])
	}
}
