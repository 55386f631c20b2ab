// go-balloon: allocates, fills, checks and frees 1 MiB blocks (at most
// 12 held), handing freed memory back to the kernel now and then, while
// dom0 moves the domain's memory with xl mem-set. What the domain holds
// (/proc/meminfo's MemTotal) is printed each time it changes. xl
// shutdown (SIGTERM) ends it: every block still held is checked, and
// the exit code is 0 only if no block lost its pattern.
package main

import (
	"bufio"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"
	"time"
)

const (
	blockWords = 1 << 17 // 1 MiB of uint64
	slots      = 12
)

type block struct {
	words []uint64
	seed  uint64
}

var held [slots]*block
var allocs, frees, bad int

func word(seed uint64, i int) uint64 {
	return seed*0x9e3779b97f4a7c15 ^ uint64(i)*0x100000001b3
}

func check(b *block) {
	for i, w := range b.words {
		if w != word(b.seed, i) {
			bad++
			fmt.Printf("go-balloon: block seed %d word %d is %x\n", b.seed, i, w)
			return
		}
	}
}

func step(r uint64) {
	i := int(r % slots)
	if b := held[i]; b != nil {
		check(b)
		held[i] = nil
		frees++
		return
	}
	b := &block{words: make([]uint64, blockWords), seed: r}
	for j := range b.words {
		b.words[j] = word(r, j)
	}
	held[i] = b
	allocs++
}

func memTotal() string {
	f, err := os.Open("/proc/meminfo")
	if err != nil {
		return "?"
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if fields := strings.Fields(s.Text()); len(fields) >= 2 && fields[0] == "MemTotal:" {
			return fields[1]
		}
	}
	return "?"
}

func main() {
	term := make(chan os.Signal, 1)
	signal.Notify(term, syscall.SIGTERM)
	last := ""
	r := uint64(12345)
	fmt.Println("go-balloon: ready")
	for n := 0; ; n++ {
		select {
		case <-term:
			for _, b := range held {
				if b != nil {
					check(b)
				}
			}
			fmt.Printf("go-balloon: %d allocations, %d frees, %d bad blocks\n", allocs, frees, bad)
			if bad > 0 {
				os.Exit(1)
			}
			os.Exit(0)
		default:
		}
		r = r*6364136223846793005 + 1442695040888963407
		step(r >> 33)
		time.Sleep(2 * time.Millisecond)
		if n%100 == 0 {
			debug.FreeOSMemory()
		}
		if n%20 == 0 {
			if m := memTotal(); m != last {
				last = m
				fmt.Printf("go-balloon: MemTotal %s kB\n", m)
			}
		}
	}
}
