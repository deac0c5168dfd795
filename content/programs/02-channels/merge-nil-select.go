package main

import "fmt"

// produce returns a channel that yields n values and is then closed.
func produce(prefix string, n int) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out) // the sender closes: it knows when it is done
		for i := 1; i <= n; i++ {
			out <- fmt.Sprint(prefix, i)
		}
	}()
	return out
}

func main() {
	a, b := produce("a", 2), produce("b", 3)
	var fromA, fromB []string
	// A closed channel is always ready to receive (the zero value), so we
	// set it to nil once drained: a nil channel's case is never chosen.
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			fromA = append(fromA, v)
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			fromB = append(fromB, v)
		}
	}
	fmt.Println("from a:", fromA)
	fmt.Println("from b:", fromB)
}
