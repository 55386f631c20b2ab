# busybox-ls: ls -ln of two ramdisk folders: names and sizes as the build
# machine sees them.
expect_state poweroff
expect_exit_code 0
for f in etc/motd www/index.html; do
	size=$(stat -c %s "$TESTDIR/../busybox-sh/files/$f")
	expect_console " $size .* ${f#*/}$"
done
expect_console '^/etc:$'
expect_console '^/www:$'
