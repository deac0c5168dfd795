package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

func main() {
	// A handler that hangs: a stuck backend, a lock, a slow disk.
	hang := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done(): // ends when the client goes away
		case <-time.After(time.Hour):
		}
	})
	srv := &http.Server{
		Handler:           hang,
		ReadHeaderTimeout: 2 * time.Second, // a client must send its headers in time
		IdleTimeout:       time.Minute,     // idle keep-alive connections are closed
	}
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	go srv.Serve(l)
	url := "http://" + l.Addr().String()

	// 1. The client side: http.DefaultClient has no timeout at all.
	client := &http.Client{Timeout: time.Second}
	_, err := client.Get(url)
	fmt.Println("client:", err != nil && err.(net.Error).Timeout())

	// 2. The server side: a client that connects and never sends a byte.
	silent, _ := net.Dial("tcp", l.Addr().String())
	buf := make([]byte, 1)
	_, err = silent.Read(buf) // the server closes it after ReadHeaderTimeout
	fmt.Println("server closed the silent connection:", err != nil)
	silent.Close()

	// 3. Any net.Conn: a deadline turns a blocked Read into an error.
	a, b := net.Pipe()
	a.SetReadDeadline(time.Now().Add(time.Second))
	_, err = a.Read(buf) // b never writes
	fmt.Println("read deadline:", err)
	a.Close()
	b.Close()

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	srv.Shutdown(ctx)
	client.CloseIdleConnections()
	time.Sleep(time.Millisecond)
}
