package main

import (
	"fmt"
	"slices"
	"sync"
)

func main() {
	ch := make(chan int, 3)
	ch <- 1
	ch <- 2
	ch <- 3
	close(ch) // three values still buffered

	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		got    []int
		closed int
	)
	for range 5 { // five receivers, one receive each
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, ok := <-ch
			mu.Lock()
			defer mu.Unlock()
			if ok {
				got = append(got, v)
			} else {
				closed++
			}
		}()
	}
	wg.Wait()
	slices.Sort(got)
	fmt.Println("values received:", got)
	fmt.Println("receivers told closed:", closed)
}
