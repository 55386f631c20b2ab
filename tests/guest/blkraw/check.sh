# blkraw: three disks through blkfront, checked from dom0.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^blkfront: xvda: connected, 131072 sectors of 512 bytes \(64 MiB\)'
expect_console '^blkfront: xvdc: connected, 2048 sectors of 512 bytes \(1 MiB\), read-only'
expect_console '^blkraw: xvda: 131072 sectors of 512 bytes, rw'
expect_console '^blkraw: xvdb: 131072 sectors of 512 bytes, rw'
expect_console '^blkraw: xvdc: 2048 sectors of 512 bytes, ro'
expect_console '^blkraw: open xvdz: -19$'
# xvde: its backend never connects; the guest goes on without it.
expect_console '^blkfront: xvde: backend did not connect within 10000 ms; continuing without it$'
expect_console '^blkraw: open xvde: -6$'
expect_no_console '^blkfront: xvde: connected'
expect_console '^blkraw: xvdb flush 0$'
expect_console '^blkraw: xvdc read 0, matches$'
expect_console '^blkraw: xvdc write -30$'
expect_console '^blkraw: xvdd: 256 sectors of 4096 bytes, rw'
expect_console '^blkraw: xvdd 4k read 0 0, write 0, read back 0, past the end -22$'
expect_console '^blkraw: past the end -22 -22, count 0 -22, last sector 0$'
expect_console '^blkraw: done$'
expect_no_console 'broke the ring protocol'
expect_dom0_log '^dom0 ok$'
h1=$(sed -n 's/^disk1 sha256 \([0-9a-f]\{64\}\)$/\1/p' "$RESULT/dom0.log")
h2=$(sed -n 's/^disk2 sha256 \([0-9a-f]\{64\}\)$/\1/p' "$RESULT/dom0.log")
[ -n "$h1" ] || fail "dom0.log has no disk1 hash"
expect_console "^blkraw: xvda sha256 aligned $h1\$"
expect_console "^blkraw: xvda sha256 odd $h1\$"
expect_console "^blkraw: xvdb sha256 readback $h1\$"
[ "$h2" = "$h1" ] || fail "xvdb's backing file hashes to '$h2', not xvda's $h1"
z1=$(sed -n 's/^disk4 sector1 \([0-9a-f]*\)$/\1/p' "$RESULT/dom0.log")
z2=$(sed -n 's/^Z block \([0-9a-f]*\)$/\1/p' "$RESULT/dom0.log")
s0=$(sed -n 's/^disk4 sector0 \([0-9a-f]*\)$/\1/p' "$RESULT/dom0.log")
s3=$(sed -n 's/^disk3 sector0 \([0-9a-f]*\)$/\1/p' "$RESULT/dom0.log")
[ -n "$z1" ] && [ "$z1" = "$z2" ] || fail "xvdd's sector 1 in its backing file is not the guest's 'Z' block"
[ -n "$s0" ] && [ "$s0" = "$s3" ] || fail "xvdd's sector 0 changed"
