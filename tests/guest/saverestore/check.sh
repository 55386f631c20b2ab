# saverestore: examples/httpd saved and restored while dom0 held a
# keep-alive connection: the connection and the request counter carry
# on, 100 new requests succeed (the save file under 3/4 of the
# domain's memory, all of it held again after), a 100 ms sleep that
# spanned the save took about 100 ms of monotonic time, and the app's
# resume hook ran.
. "$TESTDIR/../saverestore-check.sh"
expect_console '^resume hook: restored$'
line=$(console_text | grep '^sleeper: a 100 ms sleep took' | head -n 1)
[ -n "$line" ] || fail "no sleep spanned the save"
mono=$(echo "$line" | sed -n 's/.*took \([0-9]*\) ms monotonic.*/\1/p')
[ "${mono:-0}" -ge 100 ] && [ "${mono:-0}" -lt 1000 ] ||
	fail "the sleep across the save took ${mono:-?} ms of monotonic time"
n=$(console_text | grep -c '^sleeper: a 100 ms sleep took')
[ "$n" -eq 1 ] || fail "$n sleeps took over a second of wall time, expected 1"
