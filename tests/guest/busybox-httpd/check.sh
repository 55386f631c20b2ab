# busybox-httpd: the forking httpd of a glibc busybox answered every
# request (dom0's log), each from a child process; xl shutdown's SIGTERM
# ended it with SIGTERM's default action.
expect_state poweroff
expect_exit_code 143
expect_console 'killed by SIGTERM'
expect_no_console 'not supported'
expect_dom0_rc 0
expect_dom0_log '^sequential: 20 of 20 answered$'
expect_dom0_log '^concurrent: 5 of 5 answered$'
expect_dom0_log '^big.bin: identical$'
expect_dom0_log '^404: yes$'
