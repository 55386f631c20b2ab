// go-ext4: what a Go program does with files, on an ext4 disk mounted at
// /data: os.MkdirAll, os.WriteFile of 500 files, os.CreateTemp written,
// Sync'd and renamed into place, os.Remove of every fifth file,
// filepath.WalkDir, statfs (ext4's magic), and the errors Go programs
// test for (fs.ErrExist, fs.ErrNotExist, EXDEV from a rename to the
// root's /tmp). Prints "go-ext4: PASS" when every check held, then waits
// for the end without a signal handler: dom0's xl shutdown is SIGTERM,
// whose default action ends the program (exit code 143), and the disk
// must be unmounted cleanly on that path too (nothing here is fsync'd
// after the renames). dom0 then reads the same files off the disk
// (check.sh makes them too).
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

var failed bool

func fail(format string, args ...any) {
	fmt.Printf("go-ext4: FAIL: "+format+"\n", args...)
	failed = true
}

func check(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

// File i's content; check.sh makes the same.
func content(i int) string {
	return strings.Repeat(fmt.Sprintf("go-ext4 file %d\n", i), i%20+1)
}

func bigContent() string {
	var sb strings.Builder
	for i := 0; i < 50000; i++ {
		fmt.Fprintf(&sb, "go-ext4 big line %d\n", i)
	}
	return sb.String()
}

func writeFiles() {
	check(os.MkdirAll("/data/go/a/b/c", 0o755), "MkdirAll")
	for i := 0; i < 500; i++ {
		p := fmt.Sprintf("/data/go/a/f%03d", i)
		check(os.WriteFile(p, []byte(content(i)), 0o644), "WriteFile "+p)
	}
	f, err := os.CreateTemp("/data/go", "tmp-*")
	check(err, "CreateTemp")
	if err != nil {
		return
	}
	_, err = f.WriteString(bigContent())
	check(err, "write the temporary file")
	check(f.Sync(), "Sync")
	check(f.Close(), "Close")
	check(os.Rename(f.Name(), "/data/go/big.txt"), "Rename")
	for i := 0; i < 500; i += 5 {
		check(os.Remove(fmt.Sprintf("/data/go/a/f%03d", i)), "Remove")
	}
}

func readBack() {
	n, size := 0, 0
	err := filepath.WalkDir("/data/go", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			size += len(b)
		}
		return nil
	})
	check(err, "WalkDir")
	fmt.Printf("go-ext4: walked %d files, %d bytes\n", n, size)
	b, err := os.ReadFile("/data/go/a/f007")
	check(err, "ReadFile f007")
	if string(b) != content(7) {
		fail("f007 holds %q", b)
	}
}

func errorsAndStatfs() {
	var st syscall.Statfs_t
	check(syscall.Statfs("/data", &st), "Statfs")
	fmt.Printf("go-ext4: statfs type %#x bsize %d\n", st.Type, st.Bsize)
	if err := os.Mkdir("/data/go", 0o755); !errors.Is(err, fs.ErrExist) {
		fail("Mkdir of an existing dir: %v", err)
	}
	if _, err := os.Open("/data/go/a/f000"); !errors.Is(err, fs.ErrNotExist) {
		fail("Open of a removed file: %v", err)
	}
	err := os.Rename("/data/go/big.txt", "/tmp/big.txt")
	if !errors.Is(err, syscall.EXDEV) {
		fail("Rename to /tmp: %v (expected EXDEV)", err)
	}
}

func main() {
	writeFiles()
	readBack()
	errorsAndStatfs()
	if failed {
		os.Exit(1)
	}
	// A last file, written and never synced: only the unmount that
	// SIGTERM's default action leads to puts it on the disk.
	check(os.WriteFile("/data/go/last.txt", []byte("written last\n"), 0o644), "WriteFile last")
	fmt.Println("go-ext4: PASS")
	// Asleep, not blocked for good: Go's runtime ends a program whose
	// goroutines are all blocked with nothing that could wake them.
	for {
		time.Sleep(time.Hour)
	}
}
