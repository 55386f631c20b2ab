# The line dom0 typed came back reversed: console input works end to end.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
want=$(sed -n 's/^expect: //p' "$RESULT/dom0.log" | tr -d '\r')
[ -n "$want" ] || fail "dom0.sh did not say what it typed"
expect_console "^got [0-9]+ bytes, reversed: ${want}\$"
