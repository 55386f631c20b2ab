# Every check printed "ok"; main's pthread_exit() left the process running
# until the last (detached) thread finished, then it exited with 0.
expect_state poweroff
expect_exit_code 0
expect_no_console '^FAIL'
expect_console '^0 failures$'
for what in 'recursive: free for others' 'errorcheck: foreign unlock EPERM' \
	'static initializer: default type reports a relock' \
	'timedlock: ETIMEDOUT after 40 ms' \
	'cond timedwait \(CLOCK_MONOTONIC\): ETIMEDOUT after 40 ms' \
	'key destructors ran at thread exit \(and a second pass\)' \
	'once: init ran once, every caller saw it done' \
	'errno is per thread; pthread_exit value reaches join'; do
	expect_console "^ok: $what\$"
done
n=$(console_text | grep -c '^ok: ')
[ "$n" -ge 30 ] || fail "only $n checks passed, expected at least 30"
expect_console '^main calls pthread_exit$'
expect_console '^last thread done$'
