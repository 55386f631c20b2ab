# go-panic: Go's own panic report and traceback on the console, exit code 2.
expect_state poweroff
expect_exit_code 2
expect_console '^go-panic: about to panic$'
expect_console '^panic: go-panic: deliberate, n=2$'
expect_console '^goroutine 1 \[running\]:$'
expect_console '^main\.inner\('
expect_console '^main\.outer\('
expect_console '^main\.main\(\)$'
expect_console '^exit code 2$'
expect_no_console 'survived'
