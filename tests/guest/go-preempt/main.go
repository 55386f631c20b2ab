// go-preempt: with one P, a goroutine spins in a loop that has no call and
// so no cooperative preemption point. main sleeps 100 ms: it can run again
// only if Go's scheduler preempts the spinner asynchronously, with SIGURG
// sent by tgkill and delivered while the spinner runs in user mode.
package main

import (
	"fmt"
	"os"
	"runtime"
	"sync/atomic"
	"time"
)

var counter uint64

// An atomic add is an instruction, not a call: the loop has no point
// where the goroutine would give up the P by itself.
//
//go:noinline
func spin() {
	for {
		atomic.AddUint64(&counter, 1)
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	start := time.Now()
	go spin()
	// Let the spinner take the P first.
	runtime.Gosched()
	time.Sleep(100 * time.Millisecond)
	ms := time.Since(start).Milliseconds()
	n := atomic.LoadUint64(&counter)
	fmt.Printf("go-preempt: main ran again after %d ms (spinner at %d)\n", ms, n)
	if n == 0 {
		fmt.Println("go-preempt: the spinner never ran")
		os.Exit(1)
	}
	os.Exit(0)
}
