# go-sigterm: xl shutdown is SIGTERM to the program, which drains the
# request in flight and exits with its own code, 3.
expect_state poweroff
expect_exit_code 3
expect_dom0_rc 0
expect_dom0_log '^xl shutdown: sent$'
expect_dom0_log '^slow: answered$'
expect_console '^go-sigterm: got terminated, draining$'
expect_console '^go-sigterm: slow request answered$'
expect_console '^go-sigterm: drained, exiting with 3$'
expect_console '^exit code 3$'
