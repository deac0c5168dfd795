package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
)

func main() {
	// Loopback works on the Playground; the outside network does not.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "pong")
	})}
	go srv.Serve(ln) // accept loop: runs until the listener is closed

	resp, err := http.Get("http://" + ln.Addr().String() + "/ping")
	if err != nil {
		panic(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println("response:", string(body))
	// Returning here leaves the accept loop, the server's connection
	// and the client's idle keep-alive connection running.
}
