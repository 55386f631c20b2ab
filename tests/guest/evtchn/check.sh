# Both ends counted every round trip: dom0 in dom0.log, the guest on its
# console.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^evtchn-peer: bound domain [0-9]+ port [0-9]+ as local port [0-9]+$'
expect_dom0_log '^evtchn-peer: bind event taken$'
expect_dom0_log '^evtchn-peer: allocated port [0-9]+ for domain [0-9]+$'
expect_dom0_log '^evtchn-peer: sent 100, received 100$'
expect_dom0_log '^evtchn-peer: sent 10, received 10$'
expect_console '^allocated port [0-9]+ for dom0, listen 0$'
expect_console '^received 100 events, sent 100 replies$'
expect_console '^bound dom0.s port [0-9]+ as port [0-9]+, listen 0$'
expect_console '^bind event: 1$'
expect_console '^interdomain: sent 10, received 10$'
expect_console '^close: 0 0, notify after close: -22, wait after close: -22$'
expect_no_console 'FAIL|evtchn: error'
# Step 4: the close ended the other thread's 10 s wait at once (-EINVAL),
# and the listener slots were reused cleanly afterwards.
expect_console '^close under a waiter: -22 in [0-9]{1,3} ms$'
expect_console '^ports after the close: 12 of 12 waited right$'
