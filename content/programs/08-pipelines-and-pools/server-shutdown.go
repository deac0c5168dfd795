package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "pong")
	})}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/ping")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("response:", string(body))

	// Shutdown closes the listener (Serve returns), closes idle
	// connections and waits for active requests, up to the deadline.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Println("shutdown:", err)
	}
	fmt.Println("serve returned ErrServerClosed:", errors.Is(<-served, http.ErrServerClosed))
	// The client side keeps its own idle keep-alive connection.
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(time.Millisecond) // closing is asynchronous: let the closed connections' goroutines return
}
