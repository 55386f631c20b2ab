# blkfile: /dev/xvdX files, checked from dom0.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^disk1: the pattern, byte for byte$'
h=$(sed -n 's/^disk2 sha256 \([0-9a-f]\{64\}\)$/\1/p' "$RESULT/dom0.log")
[ -n "$h" ] || fail "dom0.log has no disk2 hash"
expect_console "^blkfile: xvdb read 8388608 bytes, end 0, sha256 $h\$"
expect_console "^blkfile: xvdb pread 8388608 bytes, end 0, sha256 $h\$"
expect_console '^blkfile: xvdb fstat blk size 8388608 blksize 512, SEEK_END 8388608$'
expect_console '^blkfile: read at end 0, across 300$'
expect_console '^blkfile: write at end -1 No space left on device$'
expect_console '^blkfile: write across 700$'
expect_console '^blkfile: write to O_RDONLY fd -1 Bad file number$'
expect_console '^blkfile: xvdc write -1 Read-only file system$'
expect_console '^blkfile: xvdc read 777$'
expect_console '^blkfile: open xvdz -1 No such file or directory$'
expect_console '^blkfile: stat xvda 0 blk$'
expect_console '^blkfile: xvda written, fsync 0$'
expect_console '^blkfile: done$'
