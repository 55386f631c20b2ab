// go-hello: the first Go program on Skiff. It prints its arguments (the
// words of the xl config's extra=), the time, then runs 1000 goroutines
// that each take a number from one channel and send its square to another,
// waits for them with a sync.WaitGroup, sleeps 100 ms and prints the total
// (the sum of the squares of 1..1000: 333833500), then "go-hello: PASS"
// and exits 0; any mismatch prints "go-hello: FAIL" and exits 1.
package main

import (
	"fmt"
	"os"
	"sync"
	"time"
)

const (
	workers = 1000
	// The sum of i*i for i in 1..workers.
	wantTotal = workers * (workers + 1) * (2*workers + 1) / 6
	nap       = 100 * time.Millisecond
)

// squares starts the workers, feeds them 1..workers and returns the sum
// of what they sent back.
func squares() int {
	in := make(chan int)
	out := make(chan int, workers)
	var wg sync.WaitGroup
	for i := 0; i < workers; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := <-in
			out <- n * n
		}()
	}
	for i := 1; i <= workers; i++ {
		in <- i
	}
	wg.Wait()
	close(out)
	total := 0
	for v := range out {
		total += v
	}
	return total
}

func main() {
	fmt.Printf("go-hello: %d args %q\n", len(os.Args), os.Args)
	fmt.Printf("go-hello: time %s\n", time.Now().UTC().Format(time.RFC3339Nano))

	total := squares()
	fmt.Printf("go-hello: %d goroutines, total %d\n", workers, total)

	before := time.Now()
	time.Sleep(nap)
	slept := time.Since(before)
	fmt.Printf("go-hello: slept %d ms\n", slept.Milliseconds())

	if total != wantTotal || slept < nap {
		fmt.Printf("go-hello: FAIL (want total %d, a sleep of at least %v)\n", wantTotal, nap)
		os.Exit(1)
	}
	fmt.Println("go-hello: PASS")
}
