# c-fork: fork copies memory and fds, wait4/waitid report exit codes and
# signals (a child's unhandled fault kills it alone), SIGCHLD carries the child's pid, vfork waits for the child,
# ignored SIGCHLD leaves no zombie, and 300 forks give their memory back.
expect_state poweroff
expect_exit_code 0
expect_console '^c-fork: pid 1 ppid 0$'
for step in copy pipe cwd signals vfork exec many; do
	expect_console "^c-fork: $step ok$"
done
expect_console '^c-fork: 0 failures$'
expect_no_console 'FAIL'
