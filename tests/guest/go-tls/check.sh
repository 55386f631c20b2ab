# go-tls: crypto/rand-made certificates differ between two boots; 100
# full TLS handshakes pinned to the first one succeed; the Go program
# sees /dev/urandom, /dev/null and /dev/zero as Linux character devices.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_no_console '^go-tls: FAIL'
expect_console '^random: seeded from '
expect_console '^go-tls: ok: /dev/urandom is a character device$'
expect_console '^go-tls: ok: /dev/null reads end of file$'
expect_console '^go-tls: ok: /dev/zero reads zeros$'
expect_console '^go-tls: [0-9]+ requests served, 0 failed, bye$'
expect_dom0_log '^tlsclient: 100 handshakes, all 200, TLS 30[34], certificate sha256 [0-9a-f]{64}$'
expect_dom0_log '^tlsclient: 10 handshakes, all 200, '
expect_dom0_log '^the two boots made different certificates$'
expect_dom0_log '^the old certificate is refused$'
expect_dom0_log '^tlsclient: bye$'
n=$(console_text | grep -c '^go-tls: certificate sha256 [0-9a-f]\{64\}$')
[ "$n" -eq 2 ] || fail "expected 2 certificates on the console, saw $n"
