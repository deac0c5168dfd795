package main

import (
	"errors"
	"fmt"
)

type orderService struct {
	verbose bool
	events  chan string // drained only in verbose mode
}

func (s *orderService) validate(id int) error {
	if id%2 == 0 {
		return errors.New("even order ids are test orders")
	}
	return nil
}

// audit starts no goroutine. Without verbose there is no printer, so there
// is no event to deliver; with verbose the printer receives every event
// until main closes the channel, so the send always completes.
func (s *orderService) audit(id int, status string) {
	if !s.verbose {
		return
	}
	s.events <- fmt.Sprint("order ", id, ": ", status)
}

func (s *orderService) process(id int) bool {
	if err := s.validate(id); err != nil {
		s.audit(id, "rejected")
		return false
	}
	s.audit(id, "accepted")
	return true
}

func main() {
	s := &orderService{events: make(chan string)}
	printed := make(chan struct{})
	if s.verbose {
		go func() {
			defer close(printed)
			for e := range s.events {
				fmt.Println(e)
			}
		}()
	} else {
		close(printed)
	}
	rejected := 0
	for id := 1; id <= 5; id++ {
		if !s.process(id) {
			rejected++
		}
	}
	close(s.events) // no more events: the printer finishes and exits
	<-printed
	fmt.Printf("processed 5 orders, %d rejected\n", rejected)
}
