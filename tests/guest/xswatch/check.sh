# A watch fires on dom0's write, with its path and the new value.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^watch: 0$'
expect_console "^initial event: [0-9]+ '(/local/domain/[0-9]+/)?data/poke'$"
expect_console '^quiet: -110$'
expect_console '^unknown token: -2$'
expect_console '^duplicate token: -17$'
tok=$(tr -d '\r' < dom0.log | sed -n 's/^dom0 poked: //p')
[ -n "$tok" ] || fail "dom0.sh did not poke"
expect_console "^event: [0-9]+ '(/local/domain/[0-9]+/)?data/poke' value '$tok'$"
expect_console '^unwatch: 0$'
expect_console '^read after unwatch: -2$'
