package main

import (
	"errors"
	"fmt"
)

// Goal: print "processed 5 orders, 2 rejected" and leave no goroutines behind.
// Run it first, then press Inspect and let the stacks tell you where to look.

type orderService struct {
	verbose bool
	events  chan string
}

func (s *orderService) validate(id int) error {
	if id%2 == 0 {
		return errors.New("even order ids are test orders")
	}
	return nil
}

func (s *orderService) audit(id int, status string) {
	go func() { s.events <- fmt.Sprint("order ", id, ": ", status) }()
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
