# migrate: xl migrate to localhost in the middle of a 64 MiB TCP
# transfer from the guest's disk; the transfer completed byte-identical.
expect_state poweroff
expect_dom0_rc 0
expect_dom0_log '^xl migrate: 0$'
expect_dom0_log '^the transfer spanned the migration$'
expect_dom0_log '^transfer: byte-identical$'
expect_console '^suspend: resumed in a new domain$'
expect_console '^netfront: vif0: reconnecting'
expect_console '^blkfront: xvdb: reconnecting'
expect_console '^migrate: 67108864 bytes sent$'
expect_no_console '^FAIL'
