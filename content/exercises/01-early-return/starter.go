package main

import (
	"errors"
	"fmt"
)

// average returns the mean of nums. The sum is computed in a goroutine.
// Run it: the output looks right, but the leak check disagrees.
// Make average leave no goroutine behind, whatever its input.
func average(nums []int) (float64, error) {
	sum := make(chan int)
	go func() {
		total := 0
		for _, n := range nums {
			total += n
		}
		sum <- total
	}()
	if len(nums) == 0 {
		return 0, errors.New("no numbers")
	}
	return float64(<-sum) / float64(len(nums)), nil
}

func main() {
	for _, nums := range [][]int{{1, 2, 3}, {}, {10, 20}, {}} {
		avg, err := average(nums)
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println("average:", avg)
	}
}
