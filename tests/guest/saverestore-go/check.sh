# saverestore-go: examples/go-httpd (a Linux binary) saved and restored
# while dom0 held a keep-alive connection: it and the request counter
# carry on, and 100 new requests succeed; the save file holds less than
# 3/4 of the domain's memory (free memory is left out) and the restored
# domain holds all of it again.
expect_state poweroff
expect_dom0_rc 0
expect_dom0_log '^xl save: 0$'
expect_dom0_log '^xl restore: 0$'
expect_dom0_log '^kept connection: works$'
expect_dom0_log '^counter: continues$'
expect_dom0_log '^save file: under 3/4 of the domain'"'"'s memory$'
expect_dom0_log '^memory: all back$'
expect_console '^balloon: [0-9]+ KiB left out of the save, backed again$'
expect_console '^suspend: resumed in a new domain$'
expect_console '^netfront: vif0: reconnecting'
