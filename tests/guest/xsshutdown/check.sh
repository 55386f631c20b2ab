# xl shutdown: a sysrq request acknowledged (cleared), the hook
# and then the atexit handler ran, clean poweroff with code 0. The
# feature-sysrq key is not checked: libxl does not let a guest create it.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^feature-poweroff=1$'
expect_dom0_log '^feature-reboot=1$'
expect_dom0_log '^feature-suspend=1$'
expect_dom0_log '^sysrq acknowledged$'
expect_dom0_log '^xl shutdown: 0$'
expect_console '^hook registered: 0$'
expect_console "^control: sysrq 'h'"
expect_console '^control: power-off requested by the toolstack$'
expect_console '^shutdown hook: reason 0, arg ok$'
expect_console '^atexit handler ran$'
expect_console '^exit code 0$'
expect_no_console 'not shut down'
hook=$(console_text | grep -n '^shutdown hook' | head -n 1 | cut -d: -f1)
ax=$(console_text | grep -n '^atexit handler ran' | head -n 1 | cut -d: -f1)
[ -n "$hook" ] && [ -n "$ax" ] && [ "$hook" -lt "$ax" ] || fail "the hook did not run before the atexit handler"
