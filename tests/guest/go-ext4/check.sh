# go-ext4: the Go program's checks, xl shutdown ending it by SIGTERM's
# default action, e2fsck -fn clean after that, and the files dom0 read off
# the disk (the unsynced last one too) against the same files made here.
# dom0.log holds thousands of listing lines: matched from a file, not
# through expect_dom0_log's pipe (whose early-exiting grep -q can make
# the writer fail under pipefail once the log outgrows a pipe's buffer).
tr -d '\r' < "$RESULT/dom0.log" > "$RESULT/.dom0.txt" 2> /dev/null
dom0_has() { # extended regex
	grep -Eq -- "$1" "$RESULT/.dom0.txt" || fail "dom0.log: no line matches '$1'"
}
expect_state poweroff
expect_exit_code 143
expect_console '^ext4: xvdb: unmounted cleanly'
expect_dom0_rc 0
expect_no_console 'FAIL'
expect_console '^go-ext4: PASS$'
expect_console '^go-ext4: statfs type 0xef53 bsize 4096$'
dom0_has '^e2fsck exit 0$'

tmp=$(mktemp -d)
mkdir -p "$tmp/go/a/b/c"
size=0
for ((i = 0; i < 500; i++)); do
	((i % 5 == 0)) && continue
	for ((k = 0; k <= i % 20; k++)); do
		echo "go-ext4 file $i"
	done > "$tmp/go/a/$(printf f%03d $i)"
	size=$((size + $(stat -c %s "$tmp/go/a/$(printf f%03d $i)")))
done
seq -f 'go-ext4 big line %g' 0 49999 > "$tmp/go/big.txt"
echo 'written last' > "$tmp/go/last.txt"
size=$((size + $(stat -c %s "$tmp/go/big.txt")))
expect_console "^go-ext4: walked 401 files, $size bytes\$"
(cd "$tmp" && find go | LC_ALL=C sort > tree && find go -type f | LC_ALL=C sort | xargs sha256sum > files)
for k in tree files; do
	want="$k $(sha256sum < "$tmp/$k" | cut -d' ' -f1) $(wc -l < "$tmp/$k")"
	dom0_has "^$want\$"
done
rm -rf "$tmp"
