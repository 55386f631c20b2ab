# nethttp: 1000 sequential keep-alive requests all 200 with the same body,
# no heap growth across them (at most 4 KiB: a leak of 5 bytes or more
# per request would exceed it; before and after are both read by a fresh
# /stats connection, so the server is in the same state), /1m's sha256,
# HEAD, 404, busybox wget; an access-log line per request.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^httpget: 1000 GET / x 1 connection\(s\): all 200'
expect_dom0_log '^heap: no leak$'
expect_dom0_log '^/1m: sha256 matches$'
expect_dom0_log '^httpget: 1 HEAD /1m'
expect_dom0_log '^httpget: 1 GET /nothing x 1 connection\(s\): all 404'
expect_dom0_log '^busybox wget: page ok$'
expect_console '^httpd: listening on 80$'
expect_console '^GET /1m 200 1048576$'
expect_console '^HEAD /1m 200 0$'
expect_console '^GET /nothing 404 '
n=$(console_text | grep -c '^GET / 200 ')
[ "${n:-0}" -ge 1010 ] || fail "access log: ${n:-0} lines 'GET / 200', expected at least 1010"
