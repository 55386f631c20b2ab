# go-preempt: main gets the P back from a goroutine spinning in `for {}`
# (asynchronous preemption: SIGURG delivered to user code), within 2 s of
# the start, and exits 0.
expect_state poweroff
expect_exit_code 0
expect_console '^go-preempt: main ran again after [0-9]+ ms \(spinner at [1-9][0-9]*\)$'
ms=$(console_field 's/^go-preempt: main ran again after ([0-9]+) ms.*/\1/p')
[ -n "$ms" ] && [ "$ms" -ge 100 ] && [ "$ms" -lt 2000 ] ||
	fail "main ran again after '$ms' ms, not within 100..2000"
