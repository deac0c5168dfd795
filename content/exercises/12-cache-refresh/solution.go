package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// fetch is a backend call; "slow" keys take two seconds.
func fetch(key string) string {
	if key == "slow" {
		time.Sleep(2 * time.Second)
	}
	return "value-of-" + key
}

// get gives up on a key after one second. The buffer lets a late fetch
// deliver its answer and exit even though nobody reads it.
func get(key string) (string, bool) {
	ch := make(chan string, 1)
	go func() { ch <- fetch(key) }()
	select {
	case v := <-ch:
		return v, true
	case <-time.After(time.Second):
		return "", false
	}
}

// refresh reloads every key and returns once all of them are done.
func refresh(keys []string) map[string]string {
	var mu sync.Mutex
	var wg sync.WaitGroup
	cache := map[string]string{}
	for _, k := range keys {
		wg.Go(func() { // Done runs on every path, the timeout included
			v, ok := get(k)
			if !ok {
				return // a timed-out key keeps its old value
			}
			mu.Lock()
			cache[k] = v
			mu.Unlock()
		})
	}
	wg.Wait() // no sleep: wait for exactly the work that was started
	return cache
}

func main() {
	cache := refresh([]string{"a", "slow", "b"})
	// The late fetch for "slow" still finishes on its own; give it the
	// time it needs so the program does not end in the middle of it.
	time.Sleep(2 * time.Second)
	keys := make([]string, 0, len(cache))
	for k := range cache {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, "=", cache[k])
	}
}
