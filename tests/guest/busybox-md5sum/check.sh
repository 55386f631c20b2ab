# busybox-md5sum: the sums match the build machine's md5sum of the same
# files.
expect_state poweroff
expect_exit_code 0
for f in etc/motd www/index.html test.sh; do
	sum=$(md5sum < "$TESTDIR/../busybox-sh/files/$f")
	expect_console "^${sum%% *}  /$f$"
done
