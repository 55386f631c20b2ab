# unixsock: every part passed inside the program; the netlink dumps and
# musl's getifaddrs() list lo and the vif with the MAC and addresses the
# domain was given (app.mk), and 127.0.0.1 and ::1.
expect_state poweroff
expect_exit_code 0
expect_no_console 'unixsock: FAIL'
expect_console '^unixsock: socketpair sendmsg/recvmsg SCM_RIGHTS ok$'
expect_console '^unixsock: stream path ok$'
expect_console '^unixsock: stream abstract ok$'
expect_console '^unixsock: dgram path ok$'
expect_console '^unixsock: dgram abstract ok$'
expect_console '^unixsock: seqpacket ok$'
expect_console '^unixsock: EPIPE and epoll ok$'
expect_console '^unixsock: close under a blocked read ok$'
expect_console '^unixsock: SO_RCVTIMEO [0-9]+ ms ok$'
expect_console '^unixsock: inet sendmsg/recvmsg over loopback ok$'
expect_console '^unixsock: listener closed with 3 pending connections ok$'
expect_console '^unixsock: netlink link 1 flags 0x10049 name lo mtu 65536'
expect_console '^unixsock: netlink link 2 flags 0x1[0-9a-f]{4} name vif0 mtu 1500 .*mac 00:16:3e:0a:0a:15'
expect_console '^unixsock: netlink addr if 1 family 2 prefix 8 addr 127\.0\.0\.1$'
expect_console '^unixsock: netlink addr if 1 family 10 prefix 128 addr ::1$'
expect_console '^unixsock: netlink addr if 2 family 2 prefix 16 addr 169\.254\.10\.21$'
expect_console '^unixsock: netlink addr if 2 family 10 prefix 64 addr fe80::216:3eff:fe0a:a15$'
expect_console '^unixsock: netlink [0-9]+ links [0-9]+ addresses ok$'
expect_console '^unixsock: getifaddrs lo 127\.0\.0\.1$'
expect_console '^unixsock: getifaddrs lo ::1$'
expect_console '^unixsock: getifaddrs vif0 169\.254\.10\.21$'
expect_console '^unixsock: PASS$'
