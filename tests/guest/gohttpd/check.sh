# gohttpd: Go's net/http on Skiff: keep-alive, 50 and 100 concurrent
# clients (100 sockets: more than 64 fds),
# ramdisk files byte-identical, then a clean exit through /exit.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^httpget: 1000 GET / x 1 connection\(s\): all 200'
expect_dom0_log '^httpget: 20 GET / x 50 connection\(s\): all 200'
expect_dom0_log '^httpget: 5 GET / x 100 connection\(s\): all 200'
expect_dom0_log '^big.bin: identical$'
expect_dom0_log '^hello.txt: identical$'
expect_dom0_log '^httpget: 1 GET /file/nothing x 1 connection\(s\): all 404'
expect_dom0_log '^exit: bye$'
expect_console '^go-httpd: listening on port 80$'
expect_console '^go-httpd: [0-9]+ requests served, bye$'
