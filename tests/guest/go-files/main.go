// go-files: what a Go program does with files, on Skiff's writable root.
// Prints "sum NAME SIZE SHA256" of contents check.sh makes itself, the
// walk of a tree it built, and "go-files: PASS" when every check held.
package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

var failed bool

func fail(format string, args ...any) {
	fmt.Printf("go-files: FAIL: "+format+"\n", args...)
	failed = true
}

func check(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

func sum(name string, path string) {
	b, err := os.ReadFile(path)
	check(err, "read "+path)
	fmt.Printf("sum %s %d %x\n", name, len(b), sha256.Sum256(b))
}

func lines() string {
	var sb strings.Builder
	for i := 0; i < 20000; i++ {
		fmt.Fprintf(&sb, "line %d\n", i)
	}
	return sb.String()
}

func main() {
	// t.TempDir() is os.MkdirTemp under $TMPDIR or /tmp.
	dir, err := os.MkdirTemp("", "go-files-")
	check(err, "MkdirTemp")
	if !strings.HasPrefix(dir, "/tmp/go-files-") {
		fail("MkdirTemp gave %q", dir)
	}
	f, err := os.CreateTemp(dir, "data-*.txt")
	check(err, "CreateTemp")
	_, err = io.WriteString(f, lines())
	check(err, "write")
	check(f.Close(), "close")
	st, err := os.Stat(f.Name())
	check(err, "stat")
	if st.Mode().Perm() != 0o600 {
		fail("CreateTemp mode %v", st.Mode())
	}
	sum("lines", f.Name())

	// A tree, walked.
	check(os.MkdirAll(filepath.Join(dir, "a/b/c"), 0o755), "MkdirAll")
	check(os.MkdirAll(filepath.Join(dir, "a/b/c"), 0o755), "MkdirAll again")
	for i, p := range []string{"a/one", "a/b/two", "a/b/c/three", "a/b/c/four"} {
		check(os.WriteFile(filepath.Join(dir, p), []byte(strings.Repeat("x", i+1)), 0o644), "WriteFile "+p)
	}
	var walked []string
	check(filepath.Walk(filepath.Join(dir, "a"), func(p string, info fs.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() {
			walked = append(walked, rel+"/")
		} else {
			walked = append(walked, fmt.Sprintf("%s:%d", rel, info.Size()))
		}
		return nil
	}), "Walk")
	fmt.Printf("go-files: walk %s\n", strings.Join(walked, " "))

	// Rename over an existing file, and ReadDir.
	check(os.WriteFile(filepath.Join(dir, "old"), []byte("old contents\n"), 0o644), "old")
	check(os.WriteFile(filepath.Join(dir, "new"), []byte("new\n"), 0o644), "new")
	check(os.Rename(filepath.Join(dir, "old"), filepath.Join(dir, "new")), "Rename")
	sum("renamed", filepath.Join(dir, "new"))
	if err := os.Rename(filepath.Join(dir, "a"), filepath.Join(dir, "a/b/in")); !errors.Is(err, syscall.EINVAL) {
		fail("rename into itself: %v, want EINVAL", err)
	}
	if err := os.Remove(filepath.Join(dir, "a")); !errors.Is(err, syscall.ENOTEMPTY) {
		fail("remove a non-empty directory: %v, want ENOTEMPTY", err)
	}
	ents, err := os.ReadDir(dir)
	check(err, "ReadDir")
	var names []string
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), "data-") {
			names = append(names, e.Name())
		}
	}
	fmt.Printf("go-files: readdir %s\n", strings.Join(names, " "))

	// io.Copy between files (copy_file_range on Linux).
	src, err := os.Open(f.Name())
	check(err, "open src")
	dst, err := os.Create(filepath.Join(dir, "copy"))
	check(err, "create copy")
	n, err := io.Copy(dst, src)
	check(err, "io.Copy")
	src.Close()
	dst.Close()
	fmt.Printf("go-files: copied %d bytes\n", n)
	sum("copy", filepath.Join(dir, "copy"))

	// Links, modes, times.
	check(os.Symlink("new", filepath.Join(dir, "sym")), "Symlink")
	if t, err := os.Readlink(filepath.Join(dir, "sym")); err != nil || t != "new" {
		fail("Readlink: %q %v", t, err)
	}
	if li, err := os.Lstat(filepath.Join(dir, "sym")); err != nil || li.Mode()&fs.ModeSymlink == 0 {
		fail("Lstat: %v %v", li, err)
	}
	check(os.Link(filepath.Join(dir, "new"), filepath.Join(dir, "hard")), "Link")
	sum("hard", filepath.Join(dir, "hard"))
	check(os.Chmod(filepath.Join(dir, "hard"), 0o640), "Chmod")
	when := time.Date(2020, 2, 2, 2, 2, 2, 0, time.UTC)
	check(os.Chtimes(filepath.Join(dir, "hard"), when, when), "Chtimes")
	if st, err := os.Stat(filepath.Join(dir, "new")); err != nil || st.Mode().Perm() != 0o640 || !st.ModTime().Equal(when) {
		fail("mode and time through the other link: %v %v", st, err)
	}

	// The working directory.
	check(os.Chdir(filepath.Join(dir, "a/b")), "Chdir")
	wd, err := os.Getwd()
	check(err, "Getwd")
	if wd != filepath.Join(dir, "a/b") {
		fail("Getwd %q", wd)
	}
	if b, err := os.ReadFile("c/three"); err != nil || string(b) != "xxx" {
		fail("a relative read: %q %v", b, err)
	}
	check(os.Chdir("/"), "Chdir /")

	// flock: a second open of the same file conflicts.
	l1, _ := os.Open(filepath.Join(dir, "new"))
	l2, _ := os.Open(filepath.Join(dir, "new"))
	check(syscall.Flock(int(l1.Fd()), syscall.LOCK_EX|syscall.LOCK_NB), "flock")
	if err := syscall.Flock(int(l2.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != syscall.EWOULDBLOCK {
		fail("a second flock: %v, want EWOULDBLOCK", err)
	}
	l1.Close()
	check(syscall.Flock(int(l2.Fd()), syscall.LOCK_EX|syscall.LOCK_NB), "flock after close")
	l2.Close()

	// statfs: the bound, tmpfs's magic number.
	var sf syscall.Statfs_t
	check(syscall.Statfs("/tmp", &sf), "Statfs")
	fmt.Printf("go-files: statfs type %#x size %d\n", sf.Type, uint64(sf.Blocks)*uint64(sf.Bsize))

	// ENOSPC: an ordinary error, and room again after a delete.
	big, err := os.Create(filepath.Join(dir, "big"))
	check(err, "create big")
	chunk := make([]byte, 1<<16)
	var total int64
	for total < 64<<20 {
		n, err := big.Write(chunk)
		total += int64(n)
		if err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				fail("filling: %v, want ENOSPC", err)
			}
			fmt.Printf("go-files: ENOSPC after %d bytes\n", total)
			break
		}
	}
	big.Close()
	if err := os.WriteFile(filepath.Join(dir, "more"), chunk, 0o644); !errors.Is(err, syscall.ENOSPC) {
		fail("writing when full: %v, want ENOSPC", err)
	}
	check(os.Remove(filepath.Join(dir, "big")), "remove big")
	check(os.WriteFile(filepath.Join(dir, "more"), chunk, 0o644), "write after freeing")

	// Clean up as a test's TempDir does.
	check(os.RemoveAll(dir), "RemoveAll")
	if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
		fail("after RemoveAll: %v", err)
	}
	left, _ := os.ReadDir("/tmp")
	var ln []string
	for _, e := range left {
		ln = append(ln, e.Name())
	}
	sort.Strings(ln)
	fmt.Printf("go-files: /tmp holds %d entries\n", len(ln))
	if failed {
		fmt.Println("go-files: FAILED")
		os.Exit(1)
	}
	fmt.Println("go-files: PASS")
}
