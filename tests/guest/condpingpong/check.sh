# 100000 turns each, strictly alternating.
expect_state poweroff
expect_exit_code 0
expect_console '^ping 100000 pong 100000 total 200000 out of order 0$'
