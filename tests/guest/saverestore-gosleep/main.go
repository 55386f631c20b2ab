// saverestore-gosleep: sleeps 100 ms again and again, timing each sleep
// on Go's monotonic clock (time.Since, read through the vDSO) and on the
// wall clock. dom0 saves and restores the domain meanwhile: the sleep
// that spans it must show seconds of wall time but about 100 ms of
// monotonic time, and return once. Then the program exits.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	fmt.Println("gosleep: ready")
	for i := 0; i < 6000; i++ {
		start := time.Now()
		wall := start.Round(0) // no monotonic reading: wall-clock arithmetic
		time.Sleep(100 * time.Millisecond)
		mono := time.Since(start)
		w := time.Now().Round(0).Sub(wall)
		if w > time.Second {
			fmt.Printf("gosleep: a 100 ms sleep took %d ms monotonic, %d ms wall\n",
				mono.Milliseconds(), w.Milliseconds())
			os.Exit(0)
		}
	}
	fmt.Println("gosleep: no sleep spanned a save")
	os.Exit(2)
}
