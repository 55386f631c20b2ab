# storm-busybox: busybox's shell loop finished with the right sum through
# the flood, and the kernel reported no fault.
expect_state poweroff
expect_exit_code 0
expect_dom0_log '^storm sent$'
expect_console '^storm: 30000 rounds$'
expect_console '^storm: done, sum 349603$'
expect_no_console '\*\*\* Skiff'
