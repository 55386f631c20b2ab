# netipbad: bad values are named and skipped; no hang without DHCP; a late
# lease is picked up.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^net: vif0: bad ip "169\.254\.0\.0" in the vif config: network or broadcast address of its subnet; ignored$'
expect_console '^net: bad ip=169\.254\.1\.300/16 on the command line: not an address \(want ADDR/PREFIX\[,GW\]\); ignored$'
expect_console '^net: bad dns=nameserver \(want an IPv4 address\); ignored$'
expect_console '^net: vif0: no DHCP lease yet; going on, DHCP keeps trying$'
expect_console '^netipbad: argc 2 \[hello\]$'
expect_console '^net: vif0 mac ([0-9a-f]{2}:){5}[0-9a-f]{2} ip 169\.254\.8\.(1[0-9]|20)/16 \(from DHCP\)$'
expect_console '^netipbad: done$'
expect_dom0_log '^guest went on without a lease$'
expect_dom0_log '^late lease 169\.254\.8\.(1[0-9]|20)$'
expect_dom0_log '^ping late lease ok$'
expect_dom0_log '^dom0 ok$'
