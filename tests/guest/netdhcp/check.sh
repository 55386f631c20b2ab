# netdhcp: a lease from dom0's udhcpd, announced on the console and in
# xenstore, answering ping.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^address from the pool$'
expect_dom0_log '3 packets transmitted, 3 packets received'
expect_console '169\.254\.100\.'
expect_console '^netdhcp: main running$'
