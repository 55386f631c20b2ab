# exit(3): exit code 3 on the console and in xenstore, clean poweroff.
expect_state poweroff
expect_exit_code 3
expect_console '^leaving with 3$'
expect_console '^exit code 3$'
expect_no_console 'not reached'
