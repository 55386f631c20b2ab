# dom0's side of fs-crash: once the guest has said it synced 30 files,
# destroy it in the middle of its writes (no unmount, no flush), repair
# the image with e2fsck -fy (0 or 1: nothing or something fixed; 4 and up
# would be a failure), check that a second e2fsck -fn finds it clean, and
# that every file the guest printed as synced is on the disk with the
# size and sha256 it printed.
. ./dom0lib.sh
log=/var/log/xen/console/guest-$DOMNAME.log
wait_console '^synced f00029 ' 120 || exit 1
xl destroy "$DOMNAME" || exit 1
echo "destroyed after $(tr -d '\r' < "$log" | grep -c '^synced f[0-9]* [0-9]* [0-9a-f]*$') synced files"
# The backend lets go of the image (the block script detaches its loop).
i=0
while xl list "$DOMNAME" > /dev/null 2>&1 && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 1
# Only whole lines: the console may end in the middle of one.
tr -d '\r' < "$log" | grep '^synced f[0-9]* [0-9]* [0-9a-f]\{64\}$' > synced
echo "synced lines: $(wc -l < synced)"

rc=0
e2fsck_report crash.img -fy "e2fsck -fy"
[ $? -le 1 ] || rc=1
e2fsck_report crash.img -fn "e2fsck -fn" || rc=1

d=/tmp/fs-crash.dump
rm -rf $d && mkdir -p $d
debugfs -R "rdump /crash $d" crash.img 2>&1 | grep -v '^debugfs [0-9]'
bad=0
while read -r _ name size sum; do
	f=$d/crash/$name
	if [ ! -f "$f" ]; then
		echo "missing: $name"
		bad=$((bad + 1))
	elif [ "$(wc -c < "$f")" != "$size" ] || [ "$(sha256sum < "$f" | cut -d' ' -f1)" != "$sum" ]; then
		echo "damaged: $name ($(wc -c < "$f") bytes, expected $size)"
		bad=$((bad + 1))
	fi
done < synced
n=$(wc -l < synced)
if [ "$bad" -eq 0 ] && [ "$n" -ge 30 ]; then
	echo "all $n synced files intact"
else
	echo "$bad of $n synced files missing or damaged"
	rc=1
fi
rm -rf $d crash.img
exit $rc
