package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"time"
)

func main() {
	if os.Getenv("CHILD") == "1" {
		os.Stdin.Read(make([]byte, 1)) // a child that runs until its input ends
		return
	}
	// Start this same program again as a child process.
	var out bytes.Buffer
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "CHILD=1")
	stdin, _ := cmd.StdinPipe()
	cmd.Stdout = &out // not an *os.File: Start adds a goroutine that copies
	if err := cmd.Start(); err != nil {
		fmt.Println("start:", err)
		return
	}
	fmt.Println("started a child; never calling Wait")
	time.Sleep(10 * time.Millisecond)
	_ = stdin // the fix: stdin.Close(), then cmd.Wait()
}
