package main

import (
	"context"
	"fmt"
	"time"
)

// Cache runs a background cleaner until Close cancels its context.
type Cache struct {
	name   string
	cancel context.CancelFunc
}

func NewCache(name string) *Cache {
	ctx, cancel := context.WithCancel(context.Background())
	c := &Cache{name: name, cancel: cancel}
	go c.clean(ctx)
	return c
}

func (c *Cache) clean(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(time.Minute):
			// evict expired entries
		}
	}
}

func (c *Cache) Close() { c.cancel() }

func main() {
	for _, name := range []string{"users", "orders", "sessions"} {
		c := NewCache(name)
		fmt.Println("using cache", c.name) // ...and never calling c.Close()
	}
}
