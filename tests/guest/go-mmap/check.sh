# go-mmap: the program's own checks, a clean exit with the disk
# unmounted, e2fsck clean, and the files on the disk as the program says
# it left them (its sums of what it wrote through mappings and pwrite).
expect_state poweroff
expect_exit_code 0
expect_no_console 'FAIL'
expect_console '^go-mmap: PASS$'
expect_console '^ext4: xvdb: unmounted cleanly'
expect_dom0_rc 0
expect_dom0_log '^e2fsck exit 0$'
for f in shared.bin nosync.bin grown.bin; do
	want=$(tr -d '\r' < "$RESULT/console.log" | sed -n "s/^go-mmap: want $f \([0-9a-f]* [0-9]*\)\$/\1/p" | head -1)
	[ -n "$want" ] || fail "console: no 'want $f' line"
	expect_dom0_log "^disk $f $want\$"
done
