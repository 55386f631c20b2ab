// go-nilptr: a write through a nil pointer that nothing recovers. The
// fault becomes SIGSEGV, which Go turns into a panic, as on Linux: Go's
// own report ("invalid memory address or nil pointer dereference", the
// signal line with addr=0x8, the goroutine's traceback through main.poke)
// and exit code 2.
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
