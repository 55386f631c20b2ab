# hello prints its greeting, its arguments, the time and a float, exits 0.
expect_state poweroff
expect_exit_code 0
expect_console '^Hello from Skiff!'
expect_console '^argc = 4'
expect_console '^argv\[0\] = "hello"'
expect_console '^argv\[2\] = "two words"'
expect_console '^argv\[3\] = "three"'
expect_console '^time of day: 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] '
expect_console '^pi is about 3\.141593$'
expect_console '^exit code 0$'
