package main

import (
	"errors"
	"fmt"
	"os"
)

func loadConfig() error { return errors.New("config: missing field") }

func main() {
	defer fmt.Println("main: cleanup") // never printed
	if err := loadConfig(); err != nil {
		fmt.Println("error:", err)
		// os.Exit ends the process immediately: no deferred call runs,
		// in main or in any other goroutine.
		os.Exit(1)
	}
}
