package main

import "fmt"

// Goal: three workers square the numbers 1..9, main prints "total: 285",
// and the program ends with no goroutines left behind.
func main() {
	jobs := make(chan int)
	results := make(chan int)

	for w := 0; w < 3; w++ {
		go func() {
			for j := range jobs {
				results <- j * j
			}
		}()
	}

	go func() {
		for j := 1; j <= 9; j++ {
			jobs <- j
		}
	}()

	total := 0
	for r := range results {
		total += r
	}
	fmt.Println("total:", total)
}
