# c-oom: the program touched most of the domain's memory before SIGBUS,
# the kernel kept working for it (pipes, a thread, ENOMEM for a read
# into memory it could not back) and it exited 0.
expect_state poweroff
expect_exit_code 0
expect_console '^c-oom: touched [0-9]+ MiB, then signal 7$'
mib=$(console_text | sed -n 's/^c-oom: touched \([0-9]*\) MiB.*/\1/p')
[ "${mib:-0}" -ge 40 ] || fail "touched only ${mib:-0} MiB of 64"
for step in full freed; do
	expect_console "^c-oom: $step ok$"
done
expect_console '^c-oom: 0 failures$'
expect_no_console 'FAIL'
