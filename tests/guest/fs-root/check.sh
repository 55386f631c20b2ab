# fs-root: the checksums the guest printed against the contents they
# must have, made here the same way; the errors and ENOSPC at the 1 MiB
# bound (app.mk) as the guest saw them.
expect_state poweroff
expect_exit_code 0
expect_no_console '^FAIL'
expect_console '^fs-root: all checks passed$'
sum_of() { sha256sum | cut -d' ' -f1; }
# 20,000 lines "line N", written in pieces of odd sizes.
lines=$(seq -f 'line %g' 0 19999)
expect_console "^sum /tmp/lines $(printf '%s\n' "$lines" | wc -c) $(printf '%s\n' "$lines" | sum_of)\$"
# The file renamed over another, then read through a hard link.
expect_console "^sum /tmp/new 12 $(printf 'first file\n\n' | sum_of)\$"
expect_console "^sum /tmp/hard 12 $(printf 'first file\n\n' | sum_of)\$"
# The ramdisk's file with a line added (the archive itself unchanged).
conf="$TESTDIR/files/etc/app.conf"
expect_console "^sum /etc/app.conf $(($(stat -c %s "$conf") + 8)) $( (cat "$conf"; printf 'written\n') | sum_of)\$"
# The same through the ramdisk's symbolic link (gen.sh).
expect_console "^sum /etc/link $(($(stat -c %s "$conf") + 8)) $( (cat "$conf"; printf 'written\n') | sum_of)\$"
expect_console '^ramfs: 1 symbolic links$'
# An unlinked file still open, read back whole.
expect_console "^sum unlinked 4096 $(head -c 4096 /dev/zero | tr '\0' 'u' | sum_of)\$"
# ENOSPC: most of the 1 MiB bound was filled, then freed and used again.
filled=$(console_field 's/^fs-root: filled ([0-9]+) bytes, then ENOSPC$/\1/p')
if [ -z "$filled" ] || [ "$filled" -lt 700000 ] || [ "$filled" -gt 1048576 ]; then
	fail "ENOSPC: filled '${filled:-nothing}' bytes of a 1 MiB bound"
fi
expect_console '^fs-root: after freeing, wrote 524288 bytes$'
expect_console '^fs-root: cwd /tmp/work/sub$'
