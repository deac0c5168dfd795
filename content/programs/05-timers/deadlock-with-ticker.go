package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.NewTicker(time.Second) // a ticker nobody reads or stops
	defer t.Stop()                   // would run after <-done: too late

	done := make(chan struct{})
	go func() {
		fmt.Println("working")
		// forgot: close(done)
	}()
	<-done // nothing can ever close done
	fmt.Println("finished")
}
