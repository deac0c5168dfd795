package main

import (
	"errors"
	"fmt"
)

// average returns the mean of nums. The sum is computed in a goroutine.
func average(nums []int) (float64, error) {
	// Decide to give up before starting any work: a goroutine that is
	// never started cannot leak.
	if len(nums) == 0 {
		return 0, errors.New("no numbers")
	}
	// A buffer of one would also do: the send could then complete even
	// if a later change added another early return below.
	sum := make(chan int, 1)
	go func() {
		total := 0
		for _, n := range nums {
			total += n
		}
		sum <- total
	}()
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
