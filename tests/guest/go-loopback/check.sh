# go-loopback: a domain with no vif; every part printed its result.
expect_state poweroff
expect_exit_code 0
expect_no_console 'go-loopback: FAIL'
expect_console '^go-loopback: interface 1 lo mtu 65536 flags up\|loopback(\|running)? addrs 127\.0\.0\.1/8 ::1/128$'
expect_console '^go-loopback: 1 interface\(s\), 2 address\(es\)$'
expect_console '^go-loopback: httptest http://127\.0\.0\.1:[0-9]+ status 200 body "hello from httptest over 127\.0\.0\.1:[0-9]+"$'
expect_console '^go-loopback: tcp echo over 127\.0\.0\.1 ok$'
expect_console '^go-loopback: tcp echo over ::1 ok$'
expect_console '^go-loopback: sockopts hops6 1 ttl4 1 default6 64 mhops6 5 mloop6 1 sndbuf 131072 broadcast 1, ip4:icmp on 127\.0\.0\.1$'
expect_console '^go-loopback: unspecified destination: 2/2 tcp, udp6 "to ::"$'
expect_console '^go-loopback: linger 0 close: peer reads "connection reset by peer"$'
expect_console '^go-loopback: unix http 20/20 ok$'
expect_console '^go-loopback: unixgram from @go-loopback-client ok$'
expect_console '^go-loopback: SCM_RIGHTS "through a passed fd" ok$'
expect_console '^go-loopback: PASS$'
