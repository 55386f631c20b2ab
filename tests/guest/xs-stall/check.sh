# The big write timed out while the store was stopped, and the requests
# after it worked: the half-written request was finished, not left to
# misframe the stream.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^xenstored [0-9]+ stopped for 8 s$'
expect_console '^xs-stall: stalled write: -110$'
expect_console "^xs-stall: after: write 0, read 4 'fine'$"
