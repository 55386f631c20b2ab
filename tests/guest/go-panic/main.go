// go-panic: a Go panic two calls deep. Go's runtime prints the panic and
// the goroutine's traceback itself and exits with code 2, which must reach
// dom0 as for any exit.
package main

import "fmt"

//go:noinline
func inner(n int) int {
	if n > 1 {
		panic(fmt.Sprintf("go-panic: deliberate, n=%d", n))
	}
	return n
}

//go:noinline
func outer(n int) int {
	return inner(n+1) + 1
}

func main() {
	fmt.Println("go-panic: about to panic")
	fmt.Println(outer(1))
	fmt.Println("go-panic: survived")
}
