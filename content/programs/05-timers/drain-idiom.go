package main

import (
	"fmt"
	"time"
)

// drain is the pre-1.23 idiom: if Stop reports that the timer already
// fired, receive the value so a later receive does not get a stale one.
func drain(who string, t *time.Timer) {
	if !t.Stop() {
		fmt.Println(who + ": Stop returned false, draining")
		<-t.C
		fmt.Println(who + ": drained a stale value")
		return
	}
	fmt.Println(who + ": Stop returned true, the drain is skipped")
}

// reuse is the idiom used as intended: the timer fired while nobody
// was receiving, and the drain clears the way for Reset.
func reuse() {
	t := time.NewTimer(10 * time.Millisecond)
	time.Sleep(20 * time.Millisecond) // the timer fires; nobody receives
	drain("reuse", t)
	t.Reset(50 * time.Millisecond)
	start := time.Now()
	<-t.C
	fmt.Println("reuse: waited", time.Since(start))
}

// wait is the idiom used wrongly: the select may already have received
// the value, and then nothing is left for the drain to receive.
func wait(jobs <-chan string) {
	t := time.NewTimer(10 * time.Millisecond)
	defer drain("wait", t)
	select {
	case j := <-jobs:
		fmt.Println("wait: got", j)
	case <-t.C:
		fmt.Println("wait: timed out")
	}
}

func main() {
	reuse()
	go wait(make(chan string))
	time.Sleep(50 * time.Millisecond)
	fmt.Println("main done")
}
