package main

import (
	"fmt"
	"time"
)

// heartbeat reports every interval until done is closed.
func heartbeat(session string, interval time.Duration, done <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			fmt.Println(session, "alive")
		case <-done:
			return
		}
	}
}

func main() {
	for _, s := range []string{"s1", "s2"} {
		done := make(chan struct{})
		stopped := make(chan struct{})
		go func() {
			defer close(stopped)
			heartbeat(s, time.Second, done)
		}()
		time.Sleep(3500 * time.Millisecond) // the session lasts 3.5 s
		close(done)
		<-stopped // the heartbeat has returned before the session is reported closed
		fmt.Println(s, "closed")
	}
}
