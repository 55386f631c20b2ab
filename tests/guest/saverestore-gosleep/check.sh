# saverestore-gosleep: across xl save and xl restore, a Go program's
# 100 ms sleep took seconds of wall time but about 100 ms of monotonic
# time (the vDSO's clock page carries the kernel's offset).
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^xl save: 0$'
expect_dom0_log '^xl restore: 0$'
expect_console '^suspend: resumed in a new domain$'
line=$(console_text | grep '^gosleep: a 100 ms sleep took' | head -n 1)
[ -n "$line" ] || fail "no sleep spanned the save"
mono=$(echo "$line" | sed -n 's/.*took \([0-9]*\) ms monotonic.*/\1/p')
[ "${mono:-0}" -ge 100 ] && [ "${mono:-0}" -lt 1000 ] ||
	fail "the sleep across the save took ${mono:-?} ms of monotonic time"
