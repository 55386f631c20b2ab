# 1000 threads created and joined; the sum of what they returned is
# recomputed here and must match both the console and what dom0 read from
# xenstore.
expect_state poweroff
expect_exit_code 0
want=0
for ((i = 0; i < 1000; i++)); do
	want=$((want + i * i % 10007 + i))
done
expect_console "^created 1000, joined 1000, counter 1000, sum $want\$"
expect_console '^dom0 acknowledged$'
expect_dom0_rc 0
expect_dom0_log "^result=$want\$"
