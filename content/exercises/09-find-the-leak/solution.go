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

// audit never blocks and never starts a goroutine: when nobody is
// draining events (verbose is off), the event is simply not sent.
func (s *orderService) audit(id int, status string) {
	if !s.verbose {
		return
	}
	select {
	case s.events <- fmt.Sprint("order ", id, ": ", status):
	default: // the printer is busy: drop rather than park forever
	}
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
	if s.verbose {
		go func() {
			for e := range s.events {
				fmt.Println(e)
			}
		}()
	}
	rejected := 0
	for id := 1; id <= 5; id++ {
		if !s.process(id) {
			rejected++
		}
	}
	fmt.Printf("processed 5 orders, %d rejected\n", rejected)
}
