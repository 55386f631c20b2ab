# ramfs: every file of the ramdisk, as the guest read it, against the
# archive the build wrote, unpacked and checksummed here.
expect_state poweroff
expect_exit_code 0
expect_console '^ramfs: 8 files, 4 directories, 319541 bytes$'
expect_console '^ramfs test: all checks passed$'
expect_no_console '^FAIL'
ramfs_check_files() {
	local tree=$RESULT/.tree f n sum size
	rm -rf "$tree" && mkdir -p "$tree"
	(cd "$tree" && cpio -idm --quiet < "${build:?}/ramfs/ramfs.cpio") ||
		{ fail "cannot unpack build/ramfs/ramfs.cpio"; return; }
	n=0
	while IFS= read -r f; do
		sum=$(sha256sum < "$tree/$f" | cut -d' ' -f1)
		size=$(stat -c %s "$tree/$f")
		expect_console "^file /${f#./} $size $sum\$"
		n=$((n + 1))
	done < <(cd "$tree" && find . -type f | LC_ALL=C sort)
	[ "$n" -eq 8 ] || fail "the archive has $n files, expected 8"
	# The archive's 4 directories and /tmp, which the root adds.
	expect_console "^walked $n files, 5 directories\$"
	expect_console '^dir /tmp 41777$'
}
ramfs_check_files
