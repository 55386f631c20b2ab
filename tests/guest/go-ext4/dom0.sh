# dom0's side of go-ext4: once the Go program has passed, xl shutdown
# (SIGTERM, which it does not handle); once it has stopped (and the disk
# was unmounted), e2fsck -fn must find nothing to fix, and the files under
# /go, read off the disk by debugfs, are listed and summed for check.sh.
. ./dom0lib.sh
wait_console '^go-ext4: PASS' 300 || exit 1
xl shutdown "$DOMNAME" && echo "xl shutdown: sent"
wait_stopped 60 || exit 1
rc=0
e2fsck_report go.img -fn e2fsck || rc=1
d=/tmp/go-ext4.dump
rm -rf $d && mkdir -p $d
debugfs -R "rdump /go $d" go.img 2>&1 | grep -v '^debugfs [0-9]'
(
	cd $d || exit 1
	find go | LC_ALL=C sort > ../go-ext4.tree
	find go -type f | LC_ALL=C sort | xargs sha256sum > ../go-ext4.files
	echo "tree $(sha256sum < ../go-ext4.tree | cut -d' ' -f1) $(wc -l < ../go-ext4.tree)"
	echo "files $(sha256sum < ../go-ext4.files | cut -d' ' -f1) $(wc -l < ../go-ext4.files)"
	sed 's/^/tree: /' ../go-ext4.tree
	sed 's/^/file: /' ../go-ext4.files
)
rm -rf $d /tmp/go-ext4.tree /tmp/go-ext4.files go.img
exit $rc
