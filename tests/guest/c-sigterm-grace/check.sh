# c-sigterm-grace: the handler runs (pause returns once) but the program
# does not exit: after stop_grace=2 seconds the domain stops with SIGKILL's
# exit code 137.
expect_state poweroff
expect_exit_code 137
expect_dom0_rc 0
expect_console '^c-sigterm: handling SIGTERM and staying$'
expect_console '^c-sigterm: pause returned, 1 SIGTERM so far$'
expect_console 'has 2 s to exit'
expect_console 'did not exit within 2 s'
secs=$(sed -En 's/^stopped after ([0-9]+) s$/\1/p' "$RESULT/dom0.log")
[ -n "$secs" ] && [ "$secs" -ge 2 ] && [ "$secs" -le 10 ] ||
	fail "stopped after '$secs' s, expected 2 to 10"
