// go-sigterm: xl shutdown reaches the program as SIGTERM (signal.Notify);
// it stops taking connections, lets the request in flight finish
// (http.Server.Shutdown) and exits with its own code, 3.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("go-sigterm: slow request started")
		time.Sleep(3 * time.Second)
		fmt.Fprintln(w, "slow done")
		fmt.Println("go-sigterm: slow request answered")
	})
	srv := &http.Server{Addr: ":80", Handler: mux}
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed {
			fmt.Println("go-sigterm:", err)
			os.Exit(1)
		}
	}()
	fmt.Println("go-sigterm: listening on port 80")
	s := <-term
	fmt.Printf("go-sigterm: got %v, draining\n", s)
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Println("go-sigterm: shutdown:", err)
		os.Exit(1)
	}
	fmt.Println("go-sigterm: drained, exiting with 3")
	os.Exit(3)
}
