# netraw: raw frames both ways through netfront, checked from dom0.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^netfront: vif0: connected, MAC ([0-9a-f]{2}:){5}[0-9a-f]{2}, backend /local/domain/0/backend/vif/[0-9]+/0, tx GSO$'
expect_console '^netfront: vif1: connected, MAC ([0-9a-f]{2}:){5}[0-9a-f]{2}, backend /local/domain/0/backend/vif/[0-9]+/1, tx GSO, ip "169.254.1.3"$'
expect_console '^netraw: vif 0 link up$'
expect_console '^netraw: vif 1 link up$'
expect_console '^netraw: open vif 5: -19$'
expect_console '^netraw: vif 1 answered [3-9] ARP requests$'
expect_dom0_log '^vif 1 replies from .*: [3-9]$'
expect_console '^netraw: open again: -16$'
expect_console '^netraw: sent 50 frames$'
expect_console '^netraw: link down$'
expect_console '^netraw: vif 0 reopened$'
expect_console '^netraw: link up again$'
expect_console '^netfront: vif0: backend Closing; link down$'
expect_console '^netraw: received [0-9]+ frames, answered [3-9] ARP requests, [3-9] after the reattach$'
expect_dom0_log '^replies after reattach: [3-9]$'
expect_dom0_log '^replies from .*: [3-9]$'
expect_dom0_log '^dom0 ok$'
mac=$(console_field 's/^netraw: vif 0 mac (.*)$/\1/p')
expect_dom0_log "^xenstore mac $mac\$"
mac1=$(console_field 's/^netraw: vif 1 mac (.*)$/\1/p')
expect_dom0_log "^xenstore mac1 $mac1\$"
# vif 2: its backend never connects; the guest says so after 10 s and
# everything above worked regardless.
expect_console '^netfront: vif2: backend did not connect within 10000 ms; continuing without it$'
expect_console '^netraw: vif 2 open 0, link -110$'
expect_no_console '^netfront: vif2: connected'
