// A small Go program for test_elf's real binaries.
package main

import "fmt"

func main() {
	fmt.Println("hello")
}
