package main

import (
	"errors"
	"fmt"
)

// records streams parsed records to whoever is reading.
func records(lines []string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, l := range lines {
			out <- l // blocks forever once the reader has returned
		}
	}()
	return out
}

// firstInvalid stops reading at the first bad record.
func firstInvalid(lines []string) error {
	for r := range records(lines) {
		if r == "" {
			return errors.New("empty record") // early return: the producer is abandoned
		}
	}
	return nil
}

func main() {
	fmt.Println(firstInvalid([]string{"a", "b", "", "c", "d"}))
}
