# busybox-sleep: the domain lives 2 s or a little more (from the first
# console output to its stop, as the test host timed them).
expect_state poweroff
expect_exit_code 0
first=$(sed -n 's/^console //p' "$RESULT/times")
stop=$(sed -n 's/^stopped //p' "$RESULT/times")
[ -n "$first" ] && [ -n "$stop" ] && [ $((stop - first)) -ge 1900 ] &&
	[ $((stop - first)) -le 6000 ] ||
	fail "ran $((stop - first)) ms from its first output, not 2 s"
