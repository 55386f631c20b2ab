# netip: an address from each source, each answering dom0's pings.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^net: vif0 mac ([0-9a-f]{2}:){5}[0-9a-f]{2} ip 169\.254\.1\.2/16 \(from command line\)$'
expect_console '^net: vif1 mac ([0-9a-f]{2}:){5}[0-9a-f]{2} ip 169\.254\.1\.3/16 \(from vif config\)$'
expect_console '^net: vif2 mac ([0-9a-f]{2}:){5}[0-9a-f]{2} ip 169\.254\.7\.(1[0-9]|20)/16 gw 169\.254\.0\.1 \(from DHCP\)$'
expect_console '^netip: argc 3 \[--app-arg\] \[ip=not-ours\]$'
expect_console '^netip: done$'
expect_dom0_log '^xenstore data/ip 169\.254\.1\.2$'
expect_dom0_log '^ping 169\.254\.1\.2 ok$'
expect_dom0_log '^ping 169\.254\.1\.3 ok$'
expect_dom0_log '^ping 169\.254\.7\.(1[0-9]|20) ok$'
expect_dom0_log '^dom0 ok$'
