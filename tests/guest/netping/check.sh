# netping: dom0's pings answered; the guest reached dom0 (ICMP, or TCP when
# there are no raw sockets); clean poweroff at xl shutdown.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^guest data/ip: 169\.254\.10\.2'
expect_dom0_log '3 packets transmitted, 3 packets received'
expect_dom0_log '^guest says: ok$'
expect_console '^netping: dom0 answered$'
expect_console '169\.254\.10\.2'
