package main

import (
	"errors"
	"fmt"
	"os"
)

func loadConfig() error { return errors.New("config: missing field") }

// run holds the program's real work; its defers run before it returns.
func run() error {
	defer fmt.Println("run: cleanup")
	if err := loadConfig(); err != nil {
		return err
	}
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Println("error:", err)
		os.Exit(1) // nothing left to clean up here
	}
}
