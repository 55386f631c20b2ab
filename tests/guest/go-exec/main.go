// go-exec: os/exec with the program itself as the child. Each step prints
// "go-exec: STEP ok" or a FAIL line; the program exits 0 after the last.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

var failures int

func check(ok bool, format string, args ...interface{}) {
	if !ok {
		failures++
		fmt.Printf("go-exec: FAIL "+format+"\n", args...)
	}
}

// The child's roles, chosen by its first argument.
func child(role string) {
	switch role {
	case "echo":
		fmt.Printf("child pid %d ppid %d args %s env %s\n", os.Getpid(),
			os.Getppid(), strings.Join(os.Args[2:], ","),
			os.Getenv("GOEXEC_VALUE"))
		os.Exit(0)
	case "upper":
		var in bytes.Buffer
		in.ReadFrom(os.Stdin)
		fmt.Print(strings.ToUpper(in.String()))
		os.Exit(0)
	case "exit":
		os.Exit(42)
	case "sleep":
		select {}
	}
	os.Exit(2)
}

func main() {
	if len(os.Args) > 1 {
		child(os.Args[1])
	}
	self := "/proc/self/exe"

	cmd := exec.Command(self, "echo", "a", "b")
	cmd.Env = append(os.Environ(), "GOEXEC_VALUE=from-parent")
	out, err := cmd.Output()
	want := fmt.Sprintf("ppid %d args a,b env from-parent", os.Getpid())
	check(err == nil && strings.Contains(string(out), want),
		"echo: %v %q, want %q", err, out, want)
	fmt.Println("go-exec: output ok")

	cmd = exec.Command(self, "upper")
	cmd.Stdin = strings.NewReader("piped through a child process\n")
	out, err = cmd.Output()
	check(err == nil && string(out) == "PIPED THROUGH A CHILD PROCESS\n",
		"upper: %v %q", err, out)
	fmt.Println("go-exec: stdin ok")

	t1 := time.Now()
	err = exec.Command(self, "exit").Run()
	fmt.Printf("go-exec: one child took %v\n", time.Since(t1).Round(time.Millisecond))
	var ee *exec.ExitError
	check(errors.As(err, &ee) && ee.ExitCode() == 42, "exit: %v", err)
	fmt.Println("go-exec: exit code ok")

	cmd = exec.Command(self, "sleep")
	check(cmd.Start() == nil, "start sleep")
	check(cmd.Process.Signal(syscall.SIGTERM) == nil, "signal")
	err = cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	check(err != nil && ws.Signaled() && ws.Signal() == syscall.SIGTERM,
		"sleep: %v %v", err, ws)
	fmt.Println("go-exec: signal ok")

	_, err = exec.Command("/no/such/program").Output()
	check(err != nil && errors.Is(err, os.ErrNotExist), "missing: %v", err)
	fmt.Println("go-exec: missing ok")

	// Three at once, each with its own pipe.
	t0 := time.Now()
	cmds := make([]*exec.Cmd, 3)
	outs := make([]bytes.Buffer, 3)
	for i := range cmds {
		cmds[i] = exec.Command(self, "echo", fmt.Sprint(i))
		cmds[i].Stdout = &outs[i]
		check(cmds[i].Start() == nil, "start %d", i)
	}
	for i := range cmds {
		err := cmds[i].Wait()
		check(err == nil && strings.Contains(outs[i].String(),
			fmt.Sprintf("args %d ", i)), "child %d: %v %q", i, err,
			outs[i].String())
	}
	fmt.Println("go-exec: concurrent ok")
	fmt.Printf("go-exec: 3 children at once took %v\n", time.Since(t0).Round(time.Millisecond))
	fmt.Printf("go-exec: %d failures\n", failures)
	if failures > 0 {
		os.Exit(1)
	}
}
