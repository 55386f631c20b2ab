# saverestore-go: examples/go-httpd (a Linux binary) saved and restored
# while dom0 held a keep-alive connection: it and the request counter
# carry on, and 100 new requests succeed.
expect_state poweroff
expect_dom0_rc 0
expect_dom0_log '^xl save: 0$'
expect_dom0_log '^xl restore: 0$'
expect_dom0_log '^kept connection: works$'
expect_dom0_log '^counter: continues$'
expect_console '^suspend: resumed in a new domain$'
expect_console '^netfront: vif0: reconnecting'
