/**
 * The program the latency benches run: a goroutine that sleeps a (fake) second and hands back a
 * value. `tag` makes every source distinct, so neither our response cache nor Go's build cache of
 * the main package answers for it.
 */
export function sleepyProgram(tag: string): string {
  return `package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan string)
	go func() {
		time.Sleep(time.Second)
		done <- "${tag}"
	}()
	fmt.Println(<-done)
}
`;
}
