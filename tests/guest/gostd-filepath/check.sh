# gostd-filepath: path/filepath's tests pass with t.TempDir on ext4 (on Linux 49
# top-level tests pass with these flags), and the disk is clean after.
. "$TESTDIR/../gostd.sh"
gostd_check 49
