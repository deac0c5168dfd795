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
	if n > a.balance {
		return errors.New("insufficient funds") // returns with the lock held
	}
	a.balance -= n
	a.mu.Unlock()
	return nil
}

func (a *Account) Deposit(n int) {
	a.mu.Lock() // waits forever after the failed Withdraw
	a.balance += n
	a.mu.Unlock()
}

func main() {
	acct := &Account{balance: 100}
	fmt.Println(acct.Withdraw(500))
	for i := 0; i < 3; i++ {
		go acct.Deposit(10)
	}
	time.Sleep(50 * time.Millisecond)
	fmt.Println("locked:", !acct.mu.TryLock())
}
