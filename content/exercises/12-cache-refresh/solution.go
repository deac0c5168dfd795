package main

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"time"
)

// fetch is a backend call; "slow" keys take three seconds. It gives up
// when ctx ends, so nothing of it outlives the caller that gave up.
func fetch(ctx context.Context, key string) (string, error) {
	if key == "slow" {
		t := time.NewTimer(3 * time.Second)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	return "value-of-" + key, nil
}

// get gives up on a key after one second. The fetch runs in the caller's
// goroutine and stops with the deadline: there is no sender to strand.
func get(key string) (string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	v, err := fetch(ctx, key)
	return v, err == nil
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
	keys := make([]string, 0, len(cache))
	for k := range cache {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Println(k, "=", cache[k])
	}
}
