package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// Goal: print the same lines and leave no goroutines behind.
// There are two different leaks. Find both before you fix either.

// fetch is a backend call; "slow" keys take two seconds.
func fetch(key string) string {
	if key == "slow" {
		time.Sleep(2 * time.Second)
	}
	return "value-of-" + key
}

// get gives up on a key after one second.
func get(key string) (string, bool) {
	ch := make(chan string)
	go func() { ch <- fetch(key) }()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(time.Second):
		return "", false
	}
}

// refresh reloads every key and reports when all of them are done.
func refresh(keys []string) (map[string]string, <-chan struct{}) {
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
	time.Sleep(3 * time.Second) // long enough for every get
	mu.Lock()
	defer mu.Unlock()
	return cache, done
}

func main() {
	cache, _ := refresh([]string{"a", "slow", "b"})
	keys := make([]string, 0, len(cache))
	for k := range cache {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, "=", cache[k])
	}
}
