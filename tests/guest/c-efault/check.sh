# c-efault: every call whose buffer went while it blocked (or that could
# not be backed) returned EFAULT or its bytes, the program went on to
# report each (a read into an unmapped buffer, before or while it
# waited, left the data for the next read: pipe, UNIX and TCP sockets), and exited 0: the domain did not crash.
expect_state poweroff
expect_exit_code 0
for step in read recvfrom read-unix-stream read-tcp recvfrom-tcp recvmsg-tcp recvmsg-unix poll epoll_pwait pread64 past-eof kept partial getdents64; do
	expect_console "^c-efault: $step ok$"
done
expect_console '^c-efault: 0 failures$'
expect_no_console 'FAIL'
