# busybox-cat: two files, each line as on the build machine.
expect_state poweroff
expect_exit_code 0
expect_console '^<html><body>busybox on Skiff</body></html>$'
expect_console "^Skiff runs Debian's static busybox\.$"
