package main

import (
	"context"
	"errors"
	"fmt"
)

// Goal: print the same two lines and leave no goroutines behind.
// There are two different leaks. Find both before you fix either:
// go vet reports one of them when you run; the leak check shows both.

type price struct {
	sku   string
	cents int
	err   error
}

func lookup(sku string) price {
	if sku == "gift-card" {
		return price{sku: sku, err: errors.New("gift-card: no price")}
	}
	return price{sku: sku, cents: 100 * len(sku)}
}

// watch logs if the checkout takes too long; it stops when ctx is done.
func watch(ctx context.Context, id int) {
	<-ctx.Done()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		fmt.Println("checkout", id, "was slow")
	}
}

func checkout(id int, skus []string) (int, error) {
	ctx, cancel := context.WithCancel(context.Background())
	go watch(ctx, id)

	prices := make(chan price)
	for _, sku := range skus {
		go func() { prices <- lookup(sku) }()
	}
	total := 0
	for range skus {
		p := <-prices
		if p.err != nil {
			return 0, p.err
		}
		total += p.cents
	}
	cancel()
	return total, nil
}

func main() {
	fmt.Println(checkout(1, []string{"book", "pen"}))
	fmt.Println(checkout(2, []string{"gift-card", "book", "lamp", "pen"}))
}
