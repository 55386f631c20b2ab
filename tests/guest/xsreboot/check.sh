# xl reboot: hook with reason 1, a second boot under a new domain id, then
# xl shutdown powers the new one off.
expect_state poweroff
expect_dom0_rc 0
expect_dom0_log '^xl reboot: 0$'
expect_dom0_log '^restarted as domain [0-9]+$'
expect_dom0_log '^xl shutdown: 0$'
expect_console '^control: reboot requested by the toolstack$'
expect_console '^shutdown hook: reason 1, arg ok$'
expect_console '^shutdown hook: reason 0, arg ok$'
boots=$(console_text | grep -c '^Skiff: ')
[ "$boots" -eq 2 ] || fail "expected 2 boots on the console, saw $boots"
