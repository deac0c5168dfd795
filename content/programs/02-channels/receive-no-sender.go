package main

import "fmt"

// audit waits for a report, records it, and says it is done.
func audit(report <-chan string, done chan<- struct{}) {
	msg := <-report // waits forever if the caller never sends
	fmt.Println("audit:", msg)
	close(done)
}

func transfer(amount int) error {
	report := make(chan string)
	done := make(chan struct{})
	go audit(report, done)
	if amount > 100 {
		// Bug: this path neither sends a report nor closes the channel,
		// and nobody else holds it. audit can never wake.
		return fmt.Errorf("transfer of %d refused", amount)
	}
	report <- fmt.Sprintf("moved %d", amount)
	<-done
	return nil
}

func main() {
	fmt.Println("first:", transfer(40))
	fmt.Println("second:", transfer(500))
}
