# soak: after the load, heap in use, free memory and open fds are back to
# the baseline taken after the warm-up, with no error on the way.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^soak: measure1: '
expect_console '^soak: measure2: .*errors 0$'
expect_console '^soak: back to baseline$'
