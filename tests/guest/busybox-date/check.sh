# busybox-date: Xen's wall clock through glibc's date: within 5 s of dom0's.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^bbdate:[0-9]+:20[0-9][0-9]-[01][0-9]-[0-3][0-9]$'
expect_dom0_log '^date: guest [0-9]+, dom0 [0-9]+, [0-5] s apart$'
