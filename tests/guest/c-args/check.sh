# c-args: every check in args.c held (each prints "ok" or FAIL), the
# child killed by SIGSEGV was reported by the kernel and its parent, and
# the program went on to exit 0.
expect_state poweroff
expect_exit_code 0
for step in zero-length tls bad-stack shared-anon timeouts order select sockets; do
	expect_console "^c-args: $step ok$"
done
expect_console '^linux: process [0-9]+ was killed by SIGSEGV \(signal 11\)$'
expect_console '^c-args: 0 failures$'
expect_no_console 'FAIL'
