# blkshutdown: xl shutdown in the middle of block writes; exit drains and
# flushes them, and every chunk the guest started to write is on disk
# (verified to fail with the drain taken out of kernel_exit: 3 of 32
# slots held the previous pass).
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^xl shutdown: 0$'
expect_console '^blkshutdown: writing 32 chunks$'
expect_console '^control: power-off requested by the toolstack$'
expect_console '^exit code 0$'
# Requests were in flight when exit began, and the flush succeeded.
expect_console '^blkfront: xvdb: exit: [0-9]+ request\(s\) completed, flush 0$'
expect_console '^blkfront: xvd[ab]: exit: [1-9][0-9]* request\(s\) completed'
expect_dom0_log '^checked [1-9][0-9]* chunks, 0 differ$'
expect_no_console 'writes may be lost'
