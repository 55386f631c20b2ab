// go-nilptr: a write through a nil pointer. On Linux the fault becomes a
// signal that Go turns into a panic; Skiff delivers no signals, so the
// fault is the kernel's: a crash report (registers, the faulting address
// 0x8, the symbol main.poke) and the domain crashes.
package main

import "fmt"

type point struct {
	x, y int
}

//go:noinline
func poke(p *point) {
	p.y = 42
}

func main() {
	fmt.Println("go-nilptr: about to write through a nil pointer")
	var p *point
	poke(p)
	fmt.Println("go-nilptr: survived")
}
