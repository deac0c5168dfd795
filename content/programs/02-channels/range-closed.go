package main

import "fmt"

// logger prints every line it receives and reports on done when the
// channel is closed.
func logger(lines <-chan string, done chan<- struct{}) {
	for line := range lines {
		fmt.Println("log:", line)
	}
	fmt.Println("logger: stopped")
	close(done)
}

func main() {
	lines := make(chan string)
	done := make(chan struct{})
	go logger(lines, done)
	for _, l := range []string{"start", "work", "finish"} {
		lines <- l
	}
	close(lines) // the only sender says: no more values
	<-done       // wait for the logger instead of sleeping
}
