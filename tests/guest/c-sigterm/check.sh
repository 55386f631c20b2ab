# c-sigterm: xl shutdown sends SIGTERM; with the default action the program
# ends at once with exit code 143 (128 + 15).
expect_state poweroff
expect_exit_code 143
expect_dom0_rc 0
expect_console '^c-sigterm: SIGTERM left at its default$'
# APP_ENV, with env= boot options adding and replacing words.
expect_console '^c-sigterm: env HOME=/ SKIFF_A=app SKIFF_B=boot SKIFF_C=boot$'
expect_console 'killed by SIGTERM \(signal 15\)'
expect_no_console 'pause returned'
