package main

import (
	"errors"
	"fmt"
	"net"
)

// acceptLoop hands each connection to a handler until the listener closes.
func acceptLoop(ln net.Listener, done chan<- struct{}) {
	defer close(done)
	for {
		conn, err := ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			fmt.Println("accept loop: listener closed, exiting")
			return
		}
		if err != nil {
			fmt.Println("accept loop:", err)
			return
		}
		go func() {
			defer conn.Close()
			conn.Write([]byte("hello\n"))
		}()
	}
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	done := make(chan struct{})
	go acceptLoop(ln, done)

	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		panic(err)
	}
	buf := make([]byte, 16)
	n, _ := c.Read(buf)
	fmt.Print("client read: ", string(buf[:n]))
	c.Close()

	ln.Close() // the only way to wake a goroutine blocked in Accept
	<-done
}
