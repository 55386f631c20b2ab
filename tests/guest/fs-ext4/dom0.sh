# dom0's side of fs-ext4. Before: the sums of the files pre.sh put on the
# disk ("expect sum ..." lines, for check.sh to find the guest's). After
# the guest stopped (having unmounted): e2fsck -fn on both images, the
# state in the superblock, then the guest's files as debugfs reads them
# off the disk: the tree of /out listed and summed (check.sh builds the
# same tree and compares), /edit, /big/big.bin against the pattern, dom0's
# own files after the guest's append; and ro.img byte for byte as pre.sh
# left it.
. ./dom0lib.sh
rc=0
sum() { sha256sum | cut -d' ' -f1; }
# "expect sum PATH SIZE SHA256" for a file of seed/.
expect() { # path-under-seed
	echo "expect sum /data/$1 $(wc -c < "seed/$1") $(sum < "seed/$1")"
}
for f in hello.txt a/b/c/deep.txt big.bin empty; do
	expect $f
done
echo "expect sum /data/link $(wc -c < seed/a/b/c/deep.txt) $(sum < seed/a/b/c/deep.txt)"
echo "expect many 200 entries, sum $(cat seed/many/f* | sum)"

wait_stopped 600 || exit 1

for img in data ro; do
	e2fsck_report $img.img -fn "e2fsck $img" || rc=1
	dumpe2fs -h $img.img 2> /dev/null | sed -n "s/^Filesystem state: */state $img: /p"
	dumpe2fs -h $img.img 2> /dev/null | grep -q '^Filesystem features:.*needs_recovery' &&
		echo "$img: the journal needs recovery" && rc=1
done

# The guest's files, as the disk holds them.
d=/tmp/fs-ext4.dump
rm -rf $d && mkdir -p $d
debugfs -R "rdump /out /edit $d" data.img 2>&1 | grep -v '^debugfs [0-9]'
(
	cd $d || exit 1
	find out | LC_ALL=C sort > ../fs-ext4.tree
	find out -type f | LC_ALL=C sort | xargs sha256sum > ../fs-ext4.files
	echo "tree $(sum < ../fs-ext4.tree) $(wc -l < ../fs-ext4.tree)"
	echo "files $(sum < ../fs-ext4.files) $(wc -l < ../fs-ext4.files)"
	sed 's/^/tree: /' ../fs-ext4.tree
	sed 's/^/file: /' ../fs-ext4.files
	for f in edit/edit.bin edit/edit.link edit/sparse.bin; do
		echo "disk sum /data/$f $(wc -c < $f) $(sum < $f)"
	done
	echo "disk readlink /data/edit/edit.sym $(readlink edit/edit.sym)"
)
debugfs -R "stat /edit/edit.bin" data.img 2> /dev/null | sed -n 's/.*\(Links: [0-9]*\).*/disk edit.bin \1/p'
echo "disk sum /data/hello.txt $(debugfs -R 'cat /hello.txt' data.img 2> /dev/null | sum)"
echo "disk sum /data/big.bin $(debugfs -R 'cat /big.bin' data.img 2> /dev/null | sum)"
a=$(debugfs -R 'cat /big/big.bin' data.img 2> /dev/null | sum)
b=$(pattern 9 67108864 | sum)
echo "disk sum /data/big/big.bin $a"
echo "pattern 9 67108864 $b"
[ "$a" = "$b" ] && echo "big.bin: the pattern, byte for byte"

if [ "$(sha256sum ro.img | cut -d' ' -f1)" = "$(cat ro.sha256)" ]; then
	echo "ro.img unchanged"
else
	echo "ro.img changed"
	rc=1
fi
rm -rf $d /tmp/fs-ext4.tree /tmp/fs-ext4.files data.img ro.img seed roseed
exit $rc
