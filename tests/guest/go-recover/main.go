// go-recover: the fault of a nil pointer dereference in one net/http
// handler becomes SIGSEGV, which Go turns into a panic; net/http recovers
// it, logs "http: panic serving ..." and goes on serving the others.
package main

import (
	"fmt"
	"net/http"
	"os"
	"time"
)

type config struct {
	greeting string
}

var cfg *config // never set: /nil reads through it

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "ok")
	})
	http.HandleFunc("/nil", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, cfg.greeting)
	})
	http.HandleFunc("/exit", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintln(w, "bye")
		go func() {
			time.Sleep(100 * time.Millisecond)
			fmt.Println("go-recover: bye")
			os.Exit(0)
		}()
	})
	fmt.Println("go-recover: listening on port 80")
	if err := http.ListenAndServe(":80", nil); err != nil {
		fmt.Println("go-recover:", err)
		os.Exit(1)
	}
}
