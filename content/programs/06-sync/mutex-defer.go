package main

import (
	"errors"
	"fmt"
	"sync"
	"time"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

func (a *Account) Withdraw(n int) error {
	a.mu.Lock()
	defer a.mu.Unlock() // unlocks on every return path, panics included
	if n > a.balance {
		return errors.New("insufficient funds")
	}
	a.balance -= n
	return nil
}

func (a *Account) Deposit(n int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.balance += n
}

func main() {
	acct := &Account{balance: 100}
	fmt.Println(acct.Withdraw(500))
	for i := 0; i < 3; i++ {
		go acct.Deposit(10)
	}
	time.Sleep(50 * time.Millisecond)
	acct.mu.Lock()
	fmt.Println("balance:", acct.balance)
	acct.mu.Unlock()
}
