# go-exec: Go's os/exec runs the program itself as a child (vfork and
# execve of /proc/self/exe): output through a pipe, stdin, the
# environment, an exit code, a child killed by SIGTERM, a missing
# program, three children at once.
expect_state poweroff
expect_exit_code 0
for step in output stdin 'exit code' signal missing concurrent; do
	expect_console "^go-exec: $step ok$"
done
expect_console '^go-exec: 0 failures$'
expect_no_console 'FAIL'
