// go-sysfiles: the system calls and synthesised files an unmodified Go
// program touches on Skiff, checked from inside where only the program
// can, and printed where dom0 knows the answer (the domain's name and
// address, the command line, the bytes of a file sent with sendfile).
// Every check prints "go-sysfiles: ..." and any mismatch a line with
// "FAIL"; then the program serves HTTP on port 80 (/whole: a ramdisk file
// through Go's own sendfile path; /offset: the same file from byte 4096
// with sendfile's offset pointer) until dom0 asks for /done, and exits 0
// after "go-sysfiles: PASS" if nothing failed.
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"
	"unsafe"
)

const (
	blob            = "/data/blob.txt"
	sendOffset      = 4096
	sysStatx        = 332
	sysRseq         = 334
	prSetName       = 15
	prGetName       = 16
	prSetPdeathsig  = 1
	prGetPdeathsig  = 2
	prGetDumpable   = 3
	prCapbsetRead   = 23
	prSetNoNewPrivs = 38
	prGetNoNewPrivs = 39
)

var failed bool

func say(format string, a ...interface{}) {
	fmt.Printf("go-sysfiles: "+format+"\n", a...)
}

func fail(format string, a ...interface{}) {
	failed = true
	say("FAIL "+format, a...)
}

func readFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		fail("%s: %v", path, err)
		return ""
	}
	return string(b)
}

func prctl(op, a2, a3, a4, a5 uintptr) (uintptr, syscall.Errno) {
	r, _, e := syscall.RawSyscall6(syscall.SYS_PRCTL, op, a2, a3, a4, a5, 0)
	return r, e
}

// The executable, its command line and environment, /proc/self/exe's bytes.
func checkSelf() {
	exe, err := os.Executable()
	if err != nil {
		fail("os.Executable: %v", err)
	}
	say("exe %s", exe)
	args := strings.Split(strings.TrimSuffix(readFile("/proc/self/cmdline"), "\x00"), "\x00")
	say("cmdline %q", args)
	if strings.Join(args, "|") != strings.Join(os.Args, "|") {
		fail("cmdline %q, os.Args %q", args, os.Args)
	}
	env := strings.Split(strings.TrimSuffix(readFile("/proc/self/environ"), "\x00"), "\x00")
	if strings.Join(env, "|") != strings.Join(os.Environ(), "|") {
		fail("environ %q, os.Environ %q", env, os.Environ())
	}
	say("environ %q", env)
	f, err := os.Open("/proc/self/exe")
	if err != nil {
		fail("open /proc/self/exe: %v", err)
		return
	}
	defer f.Close()
	head := make([]byte, 4)
	st, _ := f.Stat()
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "\x7fELF" || st.Size() < 1<<20 {
		fail("/proc/self/exe: %q, %v, %d bytes", head, err, st.Size())
	} else {
		say("/proc/self/exe is an ELF file of %d bytes", st.Size())
	}
	for _, p := range []string{"/proc/self/status", "/proc/self/stat", "/proc/meminfo", "/proc/uptime"} {
		if s := readFile(p); len(s) == 0 {
			fail("%s is empty", p)
		}
	}
	if !strings.HasPrefix(readFile("/proc/self/stat"), "1 (") {
		fail("/proc/self/stat: %q", readFile("/proc/self/stat"))
	}
	if _, err := os.Stat("/proc/self/no-such-entry"); !errors.Is(err, os.ErrNotExist) {
		fail("/proc/self/no-such-entry: %v", err)
	}
	if _, err := os.OpenFile("/etc/hosts", os.O_WRONLY, 0); !errors.Is(err, syscall.EROFS) {
		fail("/etc/hosts for writing: %v, want EROFS", err)
	}
}

// The names: host name, /etc/hostname from the ramdisk, the resolver's files.
func checkNames() string {
	host, err := os.Hostname()
	if err != nil {
		fail("os.Hostname: %v", err)
	}
	say("hostname %s", host)
	var u syscall.Utsname
	if err := syscall.Uname(&u); err != nil {
		fail("uname: %v", err)
	}
	node := make([]byte, 0, 65)
	for _, c := range u.Nodename {
		if c == 0 {
			break
		}
		node = append(node, byte(c))
	}
	say("uname nodename %s", node)
	// The app's own file wins over the synthesised one.
	say("/etc/hostname %s", strings.TrimSpace(readFile("/etc/hostname")))
	for _, l := range strings.Split(readFile("/etc/resolv.conf"), "\n") {
		if strings.HasPrefix(l, "nameserver ") {
			say("resolv.conf %s", l)
		}
	}
	say("hpage_pmd_size %s", strings.TrimSpace(readFile("/sys/kernel/mm/transparent_hugepage/hpage_pmd_size")))
	say("somaxconn %s", strings.TrimSpace(readFile("/proc/sys/net/core/somaxconn")))

	r := &net.Resolver{PreferGo: true}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, name := range []string{"localhost", host} {
		addrs, err := r.LookupHost(ctx, name)
		if err != nil {
			fail("lookup %s: %v", name, err)
		}
		sort.Strings(addrs)
		say("lookup %s %v", name, addrs)
	}
	for _, s := range []struct {
		network, name string
		port          int
	}{{"tcp", "https", 443}, {"udp", "domain", 53}, {"tcp", "postgresql", 5432}} {
		p, err := r.LookupPort(ctx, s.network, s.name)
		if err != nil || p != s.port {
			fail("port %s/%s: %d, %v", s.name, s.network, p, err)
		}
	}
	say("ports https 443, domain 53, postgresql 5432")
	return host
}

func getName() string {
	var b [16]byte
	if _, e := prctl(prGetName, uintptr(unsafe.Pointer(&b[0])), 0, 0, 0); e != 0 {
		fail("PR_GET_NAME: %v", e)
	}
	return string(b[:bytes.IndexByte(b[:], 0)])
}

// prctl, rseq, umask, limits, process groups.
func checkCalls() {
	// The name is the calling thread's: stay on one.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	first := getName()
	name := []byte("sysfiles-main-thread\x00") // cut to 15 bytes
	if _, e := prctl(prSetName, uintptr(unsafe.Pointer(&name[0])), 0, 0, 0); e != 0 {
		fail("PR_SET_NAME: %v", e)
	}
	say("prctl name %q then %q", first, getName())
	var sig int32
	prctl(prSetPdeathsig, uintptr(syscall.SIGTERM), 0, 0, 0)
	prctl(prGetPdeathsig, uintptr(unsafe.Pointer(&sig)), 0, 0, 0)
	dump, _ := prctl(prGetDumpable, 0, 0, 0, 0)
	capb, _ := prctl(prCapbsetRead, 21, 0, 0, 0)
	_, e1 := prctl(prSetNoNewPrivs, 1, 0, 0, 0)
	nnp, _ := prctl(prGetNoNewPrivs, 0, 0, 0, 0)
	_, e2 := prctl(0x7fff, 0, 0, 0, 0)
	say("prctl pdeathsig %d dumpable %d capbset %d no_new_privs %d/%v unknown %v", sig, dump, capb, nnp, e1 == 0, e2)
	if sig != int32(syscall.SIGTERM) || dump != 1 || capb != 1 || nnp != 1 || e1 != 0 || e2 != syscall.EINVAL {
		fail("prctl")
	}
	if _, _, e := syscall.RawSyscall(sysRseq, 0, 0, 0); e != syscall.ENOSYS {
		fail("rseq: %v, want ENOSYS", e)
	}
	old := syscall.Umask(077)
	if now := syscall.Umask(old); old != 022 || now != 077 {
		fail("umask %o then %o", old, now)
	}
	var lim syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim)
	big := syscall.Rlimit{Cur: 1 << 20, Max: 1 << 20}
	e := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &big)
	low := syscall.Rlimit{Cur: 256, Max: lim.Max}
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &low)
	var back syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_NOFILE, &back)
	say("nofile %d/%d, 1M: %v, lowered to %d", lim.Cur, lim.Max, e, back.Cur)
	if e != syscall.EPERM || back.Cur != 256 || back.Max != lim.Max {
		fail("rlimit")
	}
	syscall.Setrlimit(syscall.RLIMIT_NOFILE, &lim)
	sid, _, _ := syscall.RawSyscall(syscall.SYS_GETSID, 0, 0, 0)
	if _, err := syscall.Setsid(); syscall.Getpgrp() != 1 || sid != 1 || err != syscall.EPERM {
		fail("process group %d session %d", syscall.Getpgrp(), sid)
	}
}

// sysinfo and getrusage against a 300 ms spin.
func checkUsage() {
	var si syscall.Sysinfo_t
	if err := syscall.Sysinfo(&si); err != nil {
		fail("sysinfo: %v", err)
	}
	say("sysinfo uptime %d s, ram %d MiB, free %d MiB, procs %d", si.Uptime, uint64(si.Totalram)*uint64(si.Unit)>>20, uint64(si.Freeram)*uint64(si.Unit)>>20, si.Procs)
	ram := uint64(si.Totalram) * uint64(si.Unit)
	if si.Uptime <= 0 || si.Freeram == 0 || si.Freeram > si.Totalram || si.Procs < 1 || ram > 96<<20 || ram < 32<<20 {
		fail("sysinfo %+v", si)
	}
	cpu := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			fail("getrusage: %v", err)
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	c0, t0 := cpu(), time.Now()
	for time.Since(t0) < 300*time.Millisecond {
	}
	dc, dt := cpu()-c0, time.Since(t0)
	say("rusage: %d ms of CPU in %d ms", dc.Milliseconds(), dt.Milliseconds())
	// The vCPU may wait for the host's CPU (steal), never run more than
	// the wall clock.
	if dc < dt/10 || dc > dt+20*time.Millisecond {
		fail("rusage CPU time %v over %v", dc, dt)
	}
}

// statx against fstat, on a ramdisk file and a synthesised one.
func checkStatx() {
	for _, p := range []string{blob, "/etc/services"} {
		var st syscall.Stat_t
		if err := syscall.Stat(p, &st); err != nil {
			fail("stat %s: %v", p, err)
			continue
		}
		var x [256]byte
		path, _ := syscall.BytePtrFromString(p)
		atFdcwd := -100
		if _, _, e := syscall.Syscall6(sysStatx, uintptr(atFdcwd), uintptr(unsafe.Pointer(path)), 0, 0x7ff, uintptr(unsafe.Pointer(&x[0])), 0); e != 0 {
			fail("statx %s: %v", p, e)
			continue
		}
		le := binary.LittleEndian
		mask, mode, ino, size := le.Uint32(x[0:]), le.Uint16(x[28:]), le.Uint64(x[32:]), le.Uint64(x[40:])
		if mask&0x7ff != 0x7ff || uint32(mode) != st.Mode || ino != st.Ino || int64(size) != st.Size {
			fail("statx %s: mask %x mode %o ino %d size %d; stat mode %o ino %d size %d", p, mask, mode, ino, size, st.Mode, st.Ino, st.Size)
			continue
		}
		say("statx %s: mode %o size %d as stat", p, mode, size)
	}
}

// sendfile into a pipe with an offset: the bytes from there, the offset
// moved, the file's own offset unmoved.
func checkSendfilePipe(want []byte) {
	f, err := os.Open(blob)
	if err != nil {
		fail("open %s: %v", blob, err)
		return
	}
	defer f.Close()
	r, w, _ := os.Pipe()
	got := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); got <- b }()
	off := int64(sendOffset)
	n := 1000
	sent, err := syscall.Sendfile(int(w.Fd()), int(f.Fd()), &off, n)
	w.Close()
	b := <-got
	pos, _ := f.Seek(0, io.SeekCurrent)
	say("sendfile to a pipe: %d bytes, offset now %d, file offset %d", sent, off, pos)
	if err != nil || sent != n || off != sendOffset+int64(n) || pos != 0 || !bytes.Equal(b, want[sendOffset:sendOffset+n]) {
		fail("sendfile to a pipe: %v", err)
	}
}

func serveWhole(w http.ResponseWriter, _ *http.Request) {
	f, err := os.Open(blob)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer f.Close()
	st, _ := f.Stat()
	w.Header().Set("Content-Length", fmt.Sprint(st.Size()))
	w.Header().Set("Content-Type", "text/plain")
	// Go's net/http hands a file to the connection with sendfile.
	n, err := io.Copy(w, f)
	say("/whole: %d bytes, %v", n, err)
}

// The response by hand on the hijacked connection, the body with raw
// sendfile calls and their offset pointer.
func serveOffset(w http.ResponseWriter, _ *http.Request) {
	f, err := os.Open(blob)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	defer f.Close()
	st, _ := f.Stat()
	conn, rw, err := w.(http.Hijacker).Hijack()
	if err != nil {
		fail("hijack: %v", err)
		return
	}
	defer conn.Close()
	left := int(st.Size()) - sendOffset
	fmt.Fprintf(rw, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\nContent-Type: text/plain\r\n\r\n", left)
	rw.Flush()
	raw, _ := conn.(*net.TCPConn).SyscallConn()
	off := int64(sendOffset)
	var serr error
	raw.Write(func(fd uintptr) bool {
		for left > 0 {
			n, err := syscall.Sendfile(int(fd), int(f.Fd()), &off, left)
			if n > 0 {
				left -= n
			}
			if err == syscall.EAGAIN {
				return false // wait until the socket has room
			}
			if err != nil {
				serr = err
				return true
			}
		}
		return true
	})
	pos, _ := f.Seek(0, io.SeekCurrent)
	say("/offset: sendfile offset now %d of %d, file offset %d, %v", off, st.Size(), pos, serr)
	if serr != nil || off != st.Size() || pos != 0 {
		fail("/offset")
	}
}

func main() {
	checkSelf()
	checkNames()
	checkCalls()
	checkUsage()
	checkStatx()
	want, err := os.ReadFile(blob)
	if err != nil {
		fail("%s: %v", blob, err)
	}
	say("%s sha256 %x", blob, sha256.Sum256(want))
	checkSendfilePipe(want)

	done := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/whole", serveWhole)
	mux.HandleFunc("/offset", serveOffset)
	mux.HandleFunc("/done", func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprintln(w, "bye")
		close(done)
	})
	ln, err := net.Listen("tcp", ":80")
	if err != nil {
		fail("listen: %v", err)
		os.Exit(1)
	}
	go http.Serve(ln, mux)
	say("serving")
	select {
	case <-done:
	case <-time.After(90 * time.Second):
		fail("dom0 never asked for /done")
	}
	time.Sleep(100 * time.Millisecond)
	if failed {
		say("FAIL")
		os.Exit(1)
	}
	say("PASS")
}
