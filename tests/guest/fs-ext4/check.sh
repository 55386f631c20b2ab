# fs-ext4: the guest's view of dom0's files against dom0's sums, the
# tree the guest left on the disk (read by dom0's debugfs) against the
# same tree made here, e2fsck -fn clean on both images, /ro unchanged,
# and each error case with the errno Linux gives on ext4.
# dom0.log holds thousands of listing lines: matched from a file, not
# through expect_dom0_log's pipe (whose early-exiting grep -q can make
# the writer fail under pipefail once the log outgrows a pipe's buffer).
tr -d '\r' < "$RESULT/dom0.log" > "$RESULT/.dom0.txt" 2> /dev/null
dom0_has() { # extended regex
	grep -Eq -- "$1" "$RESULT/.dom0.txt" || fail "dom0.log: no line matches '$1'"
}
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_no_console '^FAIL'
expect_console '^fs-ext4: all checks passed$'

# The guest read what dom0 wrote.
while read -r _ line; do
	expect_console "^${line}\$"
done < <(tr -d '\r' < "$RESULT/dom0.log" 2> /dev/null | grep '^expect ')
[ "$(tr -d '\r' < "$RESULT/dom0.log" 2> /dev/null | grep -c '^expect ')" = 6 ] ||
	fail "dom0.log: not the 6 expect lines"
expect_console '^readlink /data/link a/b/c/deep.txt$'

# Debian's default ext4 features, as pre.sh's mkfs.ext4 made the image.
for f in has_journal dir_index filetype extent 64bit flex_bg metadata_csum; do
	grep -q "^Filesystem features:.* $f\( \|$\)" "$RESULT/pre.log" 2> /dev/null ||
		fail "pre.log: data.img lacks the feature $f"
done

# Clean after the guest unmounted at exit.
dom0_has '^e2fsck data exit 0$'
dom0_has '^e2fsck ro exit 0$'
dom0_has '^state data: clean$'
dom0_has '^ro.img unchanged$'
dom0_has '^big.bin: the pattern, byte for byte$'
big=$(sed -n 's/^disk sum \/data\/big\/big.bin \([0-9a-f]\{64\}\)$/\1/p' "$RESULT/dom0.log")
expect_console "^sum /data/big/big.bin 67108864 ${big:-nothing}\$"
# statvfs: mkfs.ext4's block size for 256 MiB (1 KiB: mke2fs.conf's
# "small" type), and the blocks less the file system's own overhead.
bs=$(sed -n 's/^Block size: *\([0-9]*\)$/\1/p' "$RESULT/pre.log")
count=$(sed -n 's/^Block count: *\([0-9]*\)$/\1/p' "$RESULT/pre.log")
blocks=$(console_field "s/^statvfs \/data bsize ${bs:-x} blocks ([0-9]+)\$/\1/p")
if [ -z "$blocks" ] || [ -z "$count" ] || [ "$blocks" -gt "$count" ] || [ "$blocks" -lt $((count * 8 / 10)) ]; then
	fail "statvfs: '$(console_field 's/^(statvfs .*)$/\1/p')', expected bsize ${bs:-?} and at most ${count:-?} blocks"
fi

sum_of() { sha256sum | cut -d' ' -f1; }
hello=$(printf 'hello from dom0\nguest was here\n' | sum_of)
dom0_has "^disk sum /data/hello.txt $hello\$"
seedbig=$(sed -n 's/^expect sum \/data\/big.bin [0-9]* \([0-9a-f]*\)$/\1/p' "$RESULT/dom0.log")
dom0_has "^disk sum /data/big.bin ${seedbig:-nothing}\$"

# /edit: pwrite, ftruncate, O_APPEND; a hole; the links.
edit=$( (head -c 5000 /dev/zero | tr '\0' a; printf XYZ; head -c 2997 /dev/zero | tr '\0' a; printf 'END\n') | sum_of)
sparse=$( (head -c 10485760 /dev/zero; printf tail) | sum_of)
for f in edit.bin edit.link; do
	dom0_has "^disk sum /data/edit/$f 8004 $edit\$"
done
expect_console "^sum /data/edit/edit.bin 8004 $edit\$"
expect_console "^sum /data/edit/edit.sym 8004 $edit\$"
expect_console "^sum /data/edit/sparse.bin 10485764 $sparse\$"
dom0_has "^disk sum /data/edit/sparse.bin 10485764 $sparse\$"
dom0_has '^disk readlink /data/edit/edit.sym edit.bin$'
dom0_has '^disk edit.bin Links: 2$'

# The 2,000 files and their changes, made here as main.c makes them.
. "$TESTDIR/tree.sh"
fsext4_tree_check "$RESULT"

# The error cases, with Linux's errno on ext4.
while read -r label name; do
	expect_console "^err $label $name\$"
done << 'ERR'
mkdir-existing EEXIST
creat-excl-existing EEXIST
open-missing ENOENT
unlink-missing ENOENT
mkdir-missing-parent ENOENT
rename-missing ENOENT
rmdir-nonempty ENOTEMPTY
rename-dir-over-nonempty ENOTEMPTY
open-under-file ENOTDIR
mkdir-under-file ENOTDIR
rmdir-file ENOTDIR
rename-dir-over-file ENOTDIR
open-dir-for-writing EISDIR
unlink-dir EISDIR
rename-file-over-dir EISDIR
open-nofollow-symlink ELOOP
rename-data-to-tmp EXDEV
rename-tmp-to-data EXDEV
link-data-to-tmp EXDEV
create-name-256 ENAMETOOLONG
create-name-255 ok
unlink-name-255 ok
ro-create EROFS
ro-open-for-writing EROFS
ro-truncate EROFS
ro-mkdir EROFS
ro-unlink EROFS
ro-rename EROFS
ro-symlink EROFS
ro-chmod EROFS
ERR
ro=$(printf 'read only\n' | sum_of)
expect_console "^sum /ro/ro.txt 10 $ro\$"
expect_console "^sum /ro/ro.txt-after 10 $ro\$"
