// storm-go: goroutines that spin, make system calls and pass values
// through channels for os.Args[1] seconds while dom0 floods the guest;
// each checks its own results. Prints the counts and "storm: ok".
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

var stop atomic.Bool
var bad atomic.Int64

// spin: arithmetic only; the sum is recomputed and compared.
func spin(rounds *int64) {
	x, sum, check := uint64(1), uint64(0), uint64(0)
	for !stop.Load() {
		for i := 0; i < 100000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
		sum += x & 0xff
		check += x & 0xff
		if sum != check {
			bad.Add(1)
		}
		atomic.AddInt64(rounds, 1)
	}
}

// calls: system calls and a pipe round trip.
func calls(rounds *int64) {
	r, w, err := os.Pipe()
	if err != nil {
		bad.Add(1)
		return
	}
	b := []byte{0}
	for !stop.Load() {
		ppid := os.Getppid()
		_ = time.Now()
		b[0] = byte(ppid)
		if _, err := w.Write(b); err != nil {
			bad.Add(1)
		}
		if _, err := r.Read(b); err != nil || b[0] != byte(ppid) {
			bad.Add(1)
		}
		atomic.AddInt64(rounds, 1)
	}
}

// pingpong: values through unbuffered channels between goroutines.
func pingpong(rounds *int64) {
	a, b := make(chan int), make(chan int)
	go func() {
		for v := range a {
			b <- v + 1
		}
	}()
	for i := 0; !stop.Load(); i++ {
		a <- i
		if <-b != i+1 {
			bad.Add(1)
		}
		atomic.AddInt64(rounds, 1)
	}
	close(a)
}

func main() {
	secs := 20
	if len(os.Args) > 1 {
		secs, _ = strconv.Atoi(os.Args[1])
	}
	var spins, syscalls, pings int64
	var wg sync.WaitGroup
	for _, f := range []func(){
		func() { spin(&spins) }, func() { spin(&spins) },
		func() { calls(&syscalls) }, func() { pingpong(&pings) },
	} {
		wg.Add(1)
		go func(f func()) { defer wg.Done(); f() }(f)
	}
	fmt.Printf("storm: running %d s\n", secs)
	time.Sleep(time.Duration(secs) * time.Second)
	stop.Store(true)
	wg.Wait()
	fmt.Printf("storm: spin %d rounds, calls %d rounds, pingpong %d rounds\n",
		spins, syscalls, pings)
	if bad.Load() != 0 || spins == 0 || syscalls == 0 || pings == 0 {
		fmt.Printf("storm: FAILED (%d bad)\n", bad.Load())
		os.Exit(1)
	}
	fmt.Println("storm: ok")
}
