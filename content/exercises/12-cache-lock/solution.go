package main

import (
	"errors"
	"fmt"
	"sync"
)

type cache struct {
	mu   sync.Mutex
	data map[string]string
}

// load fills key from the backend, which rejects empty keys.
func (c *cache) load(key string) error {
	c.mu.Lock()
	defer c.mu.Unlock() // released on every return path
	if key == "" {
		return errors.New("empty key")
	}
	c.data[key] = "v:" + key
	return nil
}

func main() {
	c := &cache{data: map[string]string{}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	failed := 0
	for _, k := range []string{"a", "", "b", "c"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := c.load(k); err != nil {
				mu.Lock()
				failed++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Printf("loaded %d keys, %d error\n", len(c.data), failed)
}
