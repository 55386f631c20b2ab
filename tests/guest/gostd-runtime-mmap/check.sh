# gostd-runtime-mmap: TestMemmoveOverflow passes (on Linux it passes
# too), not skipped, and the disk is clean after.
. "$TESTDIR/../gostd.sh"
gostd_check 1
expect_console '^--- PASS: TestMemmoveOverflow '
