# dom0's side of go-mmap: once the program has ended (its mapped writes
# written back and the disk unmounted), e2fsck -fn must find nothing to
# fix, and the files it wrote through mappings are read off the disk and
# summed for check.sh.
. ./dom0lib.sh
wait_stopped 300 || exit 1
rc=0
e2fsck_report mmap.img -fn e2fsck || rc=1
for f in shared.bin nosync.bin grown.bin; do
	debugfs -R "dump /$f /tmp/go-mmap.$f" mmap.img 2> /dev/null
	echo "disk $f $(sha256sum < /tmp/go-mmap.$f | cut -d' ' -f1) $(stat -c %s /tmp/go-mmap.$f)"
	rm -f /tmp/go-mmap.$f
done
rm -f mmap.img
exit $rc
