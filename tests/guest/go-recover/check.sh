# go-recover: a nil dereference in one handler is a recovered panic (Go's
# "http: panic serving" line), the other requests all succeed, and the
# program ends normally.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^nil: no answer \(the connection was closed\)$'
expect_dom0_log '^httpget: 100 GET / x 1 connection\(s\): all 200'
expect_dom0_log '^domain: still running$'
expect_dom0_log '^exit: bye$'
expect_console '^go-recover: listening on port 80$'
expect_console 'http: panic serving 169\.254\.[0-9.:]+: runtime error: invalid memory address or nil pointer dereference'
expect_console '^go-recover: bye$'
