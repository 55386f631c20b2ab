// gopreempt: the Go preemption benchmark's server (tests/bench/gopreempt),
// run unchanged on Skiff and in the Linux PV domU. A net/http server with
// the same "/" page as examples/go-httpd, and a way to load it with a
// goroutine that never yields:
//
//	/       a small generated page (the same body every time)
//	/spin   starts one goroutine that spins in a loop without a function
//	        call, so that only asynchronous preemption (a signal) can take
//	        its processor away; answers "spinning" (once started, later
//	        calls change nothing)
//	/exit   answers "bye", then the process exits with code 0
//
// The port is os.Args[1], else 80. At start it prints GOMAXPROCS and
// GODEBUG, which decide what the figures mean.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"runtime"
	"sync"
	"time"
)

var (
	spinOnce sync.Once
	spins    uint64 // written by the spinner only, never read: keeps the loop's work
)

func spin() {
	// No call, no allocation: no cooperative preemption point.
	for {
		spins++
	}
}

func main() {
	port := "80"
	if len(os.Args) > 1 {
		port = os.Args[1]
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "go-httpd on Skiff\npath %s\n", r.URL.Path)
	})
	mux.HandleFunc("/spin", func(w http.ResponseWriter, r *http.Request) {
		spinOnce.Do(func() { go spin() })
		fmt.Fprintln(w, "spinning")
	})
	mux.HandleFunc("/exit", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		fmt.Fprintln(w, "bye")
		go func() {
			// Let the answer leave first.
			time.Sleep(100 * time.Millisecond)
			fmt.Println("gopreempt: bye")
			os.Exit(0)
		}()
	})
	fmt.Printf("gopreempt: GOMAXPROCS %d, GODEBUG '%s', port %s\n",
		runtime.GOMAXPROCS(0), os.Getenv("GODEBUG"), port)
	log.Fatal(http.ListenAndServe(":"+port, mux))
}
