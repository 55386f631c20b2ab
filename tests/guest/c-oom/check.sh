# c-oom: the program touched most of the domain's memory before SIGBUS;
# the kernel kept working for it (pipes, a thread, ENOMEM for a read
# into memory it could not back, a TCP listener opened while full that
# accepted dom0's connections and read the whole disk right) and for
# dom0 (ping, xenstore); after it freed its memory a thread and a pipe
# worked again, and it exited 0.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^c-oom: touched [0-9]+ MiB, then signal 7$'
mib=$(console_text | sed -n 's/^c-oom: touched \([0-9]*\) MiB.*/\1/p')
[ "${mib:-0}" -ge 40 ] || fail "touched only ${mib:-0} MiB of 64"
for step in full serving freed; do
	expect_console "^c-oom: $step ok$"
done
expect_dom0_log '^ping while full: ok$'
expect_dom0_log '^xenstore while full: ok$'
expect_dom0_log '^pong: pong$'
expect_dom0_log '^disk while full: ok$'
expect_console '^c-oom: 0 failures$'
expect_no_console 'FAIL'
