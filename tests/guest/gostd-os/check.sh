# gostd-os: os's tests pass with t.TempDir on ext4 (on Linux 78
# top-level tests pass with these flags), and the disk is clean after.
. "$TESTDIR/../gostd.sh"
gostd_check 78
expect_console '^--- PASS: TestFifoEOF '
expect_console '^--- PASS: TestFIFONonBlockingEOF '
