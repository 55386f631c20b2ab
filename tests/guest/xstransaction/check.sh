# The conflicting commit was retried on the value dom0 wrote.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^attempt 1 read counter 5$'
expect_console '^attempt 2 read counter 100$'
n=$(console_field 's/^transaction done: (-?[0-9]+) attempts$/\1/p')
[ "${n:-0}" -ge 2 ] || fail "transaction took ${n:-no} attempts, expected >= 2 (a conflict)"
expect_console '^counter now 101$'
expect_dom0_log '^final counter 101$'
expect_console '^start: 0$'
expect_console '^abort: 0$'
expect_console '^aborted write visible: -2$'
