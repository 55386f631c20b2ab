# linux-gaps: every part passed inside the program.
expect_state poweroff
expect_exit_code 0
for step in fifo fifo-wait unix-files cmsg-cloexec pidfd pidfd-clone \
	mincore copy-range etc-dir mtime exe exec-exe cwd; do
	expect_console "^linux-gaps: $step ok\$"
done
expect_console '^linux-gaps: 0 failures$'
expect_no_console 'FAIL'
