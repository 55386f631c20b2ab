# gostd-iofs: io/fs's tests pass with t.TempDir on ext4 (on Linux 16
# top-level tests pass with these flags), and the disk is clean after.
. "$TESTDIR/../gostd.sh"
gostd_check 16
