package main

import (
	"errors"
	"fmt"
)

// records streams parsed records until they run out or done is closed.
func records(done <-chan struct{}, lines []string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, l := range lines {
			select {
			case out <- l:
			case <-done: // the reader gave up: stop producing
				return
			}
		}
	}()
	return out
}

// firstInvalid stops reading at the first bad record.
func firstInvalid(lines []string) error {
	done := make(chan struct{})
	defer close(done) // runs on every return path
	for r := range records(done, lines) {
		if r == "" {
			return errors.New("empty record")
		}
	}
	return nil
}

func main() {
	fmt.Println(firstInvalid([]string{"a", "b", "", "c", "d"}))
}
