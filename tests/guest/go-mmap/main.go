// go-mmap: what programs that map files (BoltDB, LMDB, SQLite's mmap
// mode, Go's own runtime tests) ask of mmap, on an ext4 disk at /data and
// on the writable root's /tmp. Each check prints FAIL when it does not
// hold; "go-mmap: PASS" at the end when all did. The files left on the
// disk are summed here ("want NAME SHA256 SIZE") and by dom0 off the disk.
package main

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"syscall"
	"unsafe"
)

const page = 4096

var failed bool

func fail(format string, args ...any) {
	fmt.Printf("go-mmap: FAIL: "+format+"\n", args...)
	failed = true
}

func check(err error, what string) {
	if err != nil {
		fail("%s: %v", what, err)
	}
}

func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = seed + byte(i*7+i/251)
	}
	return b
}

func pread(f *os.File, n int, off int64) []byte {
	b := make([]byte, n)
	k, err := f.ReadAt(b, off)
	if err != nil && k != n {
		fail("pread %d at %d: %d, %v", n, off, k, err)
	}
	return b[:k]
}

func mmap(f *os.File, off int64, n int, prot, flags int) []byte {
	b, err := syscall.Mmap(int(f.Fd()), off, n, prot, flags)
	if err != nil {
		fail("mmap %s %d at %d: %v", f.Name(), n, off, err)
		return make([]byte, n)
	}
	return b
}

func msync(b []byte, flags int) error {
	_, _, e := syscall.Syscall(syscall.SYS_MSYNC,
		uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), uintptr(flags))
	if e != 0 {
		return e
	}
	return nil
}

func want(dir, name string) {
	b, err := os.ReadFile(dir + "/" + name)
	check(err, "read back "+name)
	fmt.Printf("go-mmap: want %s %x %d\n", name, sha256.Sum256(b), len(b))
}

// Shared mappings against read, write, truncate and each other.
func shared(dir string) {
	path := dir + "/shared.bin"
	model := pattern(64*1024, 1)
	check(os.WriteFile(path, model, 0o644), "write "+path)
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		fail("open %s: %v", path, err)
		return
	}
	defer f.Close()
	rw := syscall.PROT_READ | syscall.PROT_WRITE
	m := mmap(f, 0, len(model), rw, syscall.MAP_SHARED)
	if !bytes.Equal(m, model) {
		fail("%s: the mapping differs from the file", dir)
	}
	// Written through the mapping: read() sees it before any msync.
	copy(m[100:], "through the mapping")
	copy(model[100:], "through the mapping")
	if got := pread(f, 19, 100); string(got) != "through the mapping" {
		fail("%s: pread after a write through the mapping: %q", dir, got)
	}
	// Written by pwrite: the mapping sees it at once.
	_, err = f.WriteAt([]byte("by pwrite"), 5000)
	check(err, "pwrite")
	copy(model[5000:], "by pwrite")
	if string(m[5000:5009]) != "by pwrite" {
		fail("%s: the mapping after pwrite: %q", dir, m[5000:5009])
	}
	// A second mapping of the same pages, at an offset.
	m2 := mmap(f, 2*page, 4*page, rw, syscall.MAP_SHARED)
	if !bytes.Equal(m2, model[2*page:6*page]) {
		fail("%s: a second mapping at offset 8192 differs", dir)
	}
	m2[10] = 'X'
	model[2*page+10] = 'X'
	if m[2*page+10] != 'X' {
		fail("%s: a write through one mapping is not in the other", dir)
	}
	check(syscall.Munmap(m2), "munmap second")
	// Cut short and grown back: the mapping shows zeros there.
	check(f.Truncate(32*1024), "truncate 32 KiB")
	check(f.Truncate(64*1024), "truncate 64 KiB")
	for i := 32 * 1024; i < 64*1024; i++ {
		model[i] = 0
	}
	if !bytes.Equal(m, model) {
		fail("%s: after truncate down and up, the mapping differs", dir)
	}
	// A private mapping is a copy: writes to it stay in it.
	p := mmap(f, 0, 2*page, rw, syscall.MAP_PRIVATE)
	if !bytes.Equal(p, model[:2*page]) {
		fail("%s: a private mapping differs from the file", dir)
	}
	copy(p, "private")
	if string(pread(f, 7, 0)) == "private" || string(m[:7]) == "private" {
		fail("%s: a write to a private mapping reached the file", dir)
	}
	check(syscall.Munmap(p), "munmap private")
	check(msync(m, syscall.MS_SYNC), "msync")
	if got := pread(f, len(model), 0); !bytes.Equal(got, model) {
		fail("%s: the file after msync differs from the model", dir)
	}
	check(syscall.Munmap(m), "munmap")
}

// A file that grows under a mapping larger than it (BoltDB maps ahead
// of its file and fills it with pwrite).
func grown(dir string) {
	path := dir + "/grown.bin"
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		fail("create %s: %v", path, err)
		return
	}
	defer f.Close()
	check(f.Truncate(page), "truncate grown")
	m := mmap(f, 0, 64*page, syscall.PROT_READ, syscall.MAP_SHARED)
	for i := 1; i < 40; i++ {
		b := pattern(page, byte(i))
		if _, err := f.WriteAt(b, int64(i*page)); err != nil {
			fail("pwrite page %d: %v", i, err)
			break
		}
		if !bytes.Equal(m[i*page:(i+1)*page], b) {
			fail("%s: page %d written past the old end is not in the "+
				"mapping", dir, i)
			break
		}
	}
	check(f.Sync(), "fsync grown")
	check(syscall.Munmap(m), "munmap grown")
}

// Written through a mapping, never msync'd: unmapped and closed, the
// data must still reach the disk (the flusher, or the exit).
func nosync(dir string) {
	path := dir + "/nosync.bin"
	check(os.WriteFile(path, make([]byte, 8*page+100), 0o644), "create nosync")
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		fail("open %s: %v", path, err)
		return
	}
	m := mmap(f, 0, 9*page, syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_SHARED)
	copy(m, pattern(8*page+100, 9))
	check(f.Close(), "close nosync")
	check(syscall.Munmap(m), "munmap nosync")
}

// The errors Linux gives.
func errs(dir string) {
	ro, err := os.Open(dir + "/shared.bin")
	if err != nil {
		fail("open read-only: %v", err)
		return
	}
	defer ro.Close()
	_, err = syscall.Mmap(int(ro.Fd()), 0, page,
		syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if !errors.Is(err, syscall.EACCES) {
		fail("shared writable mapping of a read-only fd: %v, want EACCES", err)
	}
	m, err := syscall.Mmap(int(ro.Fd()), 0, page, syscall.PROT_READ,
		syscall.MAP_SHARED)
	if err == nil {
		err = syscall.Mprotect(m, syscall.PROT_READ|syscall.PROT_WRITE)
		if !errors.Is(err, syscall.EACCES) {
			fail("mprotect(PROT_WRITE) of it: %v, want EACCES", err)
		}
		syscall.Munmap(m)
	} else {
		fail("read-only shared mapping: %v", err)
	}
	_, err = syscall.Mmap(int(ro.Fd()), 100, page, syscall.PROT_READ,
		syscall.MAP_SHARED)
	if !errors.Is(err, syscall.EINVAL) {
		fail("unaligned offset: %v, want EINVAL", err)
	}
	d, err := os.Open(dir)
	if err == nil {
		_, err = syscall.Mmap(int(d.Fd()), 0, page, syscall.PROT_READ,
			syscall.MAP_SHARED)
		if !errors.Is(err, syscall.ENODEV) {
			fail("mapping a directory: %v, want ENODEV", err)
		}
		d.Close()
	}
	wo, err := os.OpenFile(dir+"/shared.bin", os.O_WRONLY, 0)
	if err == nil {
		_, err = syscall.Mmap(int(wo.Fd()), 0, page, syscall.PROT_READ,
			syscall.MAP_PRIVATE)
		if !errors.Is(err, syscall.EACCES) {
			fail("mapping a write-only fd: %v, want EACCES", err)
		}
		wo.Close()
	}
}

// The same 64 KiB mapped 256 times in a row (as Go's runtime test
// TestMemmoveOverflow does over 3 GiB), then a memmove across it all.
func aliased(dir string) {
	path := dir + "/alias.bin"
	check(os.WriteFile(path, pattern(65536, 3), 0o644), "create alias")
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		fail("open alias: %v", err)
		return
	}
	defer f.Close()
	const n = 256
	rw := syscall.PROT_READ | syscall.PROT_WRITE
	base, _, e := syscall.Syscall6(syscall.SYS_MMAP, 0, n*65536, uintptr(rw),
		syscall.MAP_PRIVATE|syscall.MAP_ANONYMOUS, ^uintptr(0), 0)
	if e != 0 {
		fail("reserve: %v", e)
		return
	}
	for i := uintptr(0); i < n; i++ {
		_, _, e := syscall.Syscall6(syscall.SYS_MMAP, base+i*65536, 65536,
			uintptr(rw), syscall.MAP_SHARED|syscall.MAP_FIXED, f.Fd(), 0)
		if e != 0 {
			fail("alias map %d: %v", i, e)
			return
		}
	}
	s := unsafe.Slice((*byte)(unsafe.Pointer(base)), n*65536)
	s[n*65536-1] = 0xAB
	if s[65535] != 0xAB {
		fail("%s: aliased mappings do not share their pages", dir)
	}
	if k := copy(s[1:], s); k != n*65536-1 {
		fail("memmove over the aliased mappings: %d", k)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_MUNMAP, base, n*65536, 0); e != 0 {
		fail("munmap aliased: %v", e)
	}
	check(os.Remove(path), "remove alias")
}

func main() {
	for _, dir := range []string{"/data", "/tmp"} {
		shared(dir)
		grown(dir)
		nosync(dir)
		errs(dir)
	}
	aliased("/tmp")
	for _, dir := range []string{"/data", "/tmp"} {
		grownModel := make([]byte, page)
		for i := 1; i < 40; i++ {
			grownModel = append(grownModel, pattern(page, byte(i))...)
		}
		for name, model := range map[string][]byte{
			"nosync.bin": pattern(8*page+100, 9), "grown.bin": grownModel} {
			b, err := os.ReadFile(dir + "/" + name)
			check(err, "read "+name)
			if !bytes.Equal(b, model) {
				fail("%s/%s: %d bytes, not what was written", dir, name, len(b))
			}
		}
	}
	for _, name := range []string{"shared.bin", "nosync.bin", "grown.bin"} {
		want("/data", name)
	}
	if !failed {
		fmt.Println("go-mmap: PASS")
	}
}
