# The file-system comparison's second half: once the Skiff guest has
# printed its figures and stopped, the Linux PV domU (linux.cfg, from
# job.sh) runs the same fsbench on its copy of the image; its "BENCH
# linux_fs_..." lines are repeated here for tools/bench.sh. The two never
# run at the same time. Both images must then pass e2fsck -fn.
. ./dom0lib.sh
rc=0
wait_stopped 900 || exit 1
xl create linux.cfg || exit 1
log=/var/log/xen/console/guest-fslinux.log
i=0
until grep -q 'linux-domU app exit' "$log" 2> /dev/null; do
	i=$((i + 1))
	[ $i -lt 9000 ] || { echo "the Linux domU never finished"; tr -d '\r' < "$log"; exit 1; }
	sleep 0.1
done
tr -d '\r' < "$log" | grep -E '^(linux-domU|fsbench)'
tr -d '\r' < "$log" | grep '^BENCH linux_fs_'
[ "$(tr -d '\r' < "$log" | grep -c '^BENCH linux_fs_')" = 4 ] || rc=1
tr -d '\r' < "$log" | grep -q '^linux-domU app exit 0$' || rc=1
xl destroy fslinux 2> /dev/null
for g in skiff linux; do
	e2fsck -fn $g.img > /dev/null 2>&1
	st=$?
	echo "e2fsck -fn $g.img: exit $st"
	[ $st -eq 0 ] || rc=1
done
rm -f skiff.img linux.img
exit $rc
