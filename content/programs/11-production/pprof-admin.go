package main

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

const token = "s3cret" // in real life: from a secret store, never in code

// adminMux serves pprof on its own mux, behind a token check.
func adminMux() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // serves /debug/pprof/goroutine and friends
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+token {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

func get(url, auth string) string {
	req, _ := http.NewRequest("GET", url, nil)
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	first, _ := bufio.NewReader(resp.Body).ReadString('\n')
	return fmt.Sprintf("%d %.24q", resp.StatusCode, first)
}

func main() {
	public := http.NewServeMux() // the app's own routes; pprof is not here
	public.HandleFunc("/{$}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "hello") })
	pub, _ := net.Listen("tcp", "127.0.0.1:0")
	adm, _ := net.Listen("tcp", "127.0.0.1:0") // loopback only: not reachable from outside
	pubSrv := &http.Server{Handler: public}
	admSrv := &http.Server{Handler: adminMux()}
	go pubSrv.Serve(pub)
	go admSrv.Serve(adm)

	const path = "/debug/pprof/goroutine?debug=1"
	fmt.Println("public: ", get("http://"+pub.Addr().String()+path, ""))
	fmt.Println("no auth:", get("http://"+adm.Addr().String()+path, ""))
	fmt.Println("auth:   ", get("http://"+adm.Addr().String()+path, "Bearer "+token))

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	pubSrv.Shutdown(ctx)
	admSrv.Shutdown(ctx)
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(time.Millisecond) // closing is asynchronous: let the closed connections' goroutines return
}
