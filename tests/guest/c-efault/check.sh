# c-efault: every call whose buffer went while it blocked (or that could
# not be backed) returned EFAULT or its bytes, the program went on to
# report each (a read into an unmapped buffer left the pipe's data for
# the next read), and exited 0: the domain did not crash.
expect_state poweroff
expect_exit_code 0
for step in read recvfrom poll epoll_pwait pread64 past-eof kept partial; do
	expect_console "^c-efault: $step ok$"
done
expect_console '^c-efault: 0 failures$'
expect_no_console 'FAIL'
