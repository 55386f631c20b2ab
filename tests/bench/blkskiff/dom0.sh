# The storage comparison's second half: once the Skiff guest has printed
# its figures and stopped, the Linux PV domU (linux.cfg, from job.sh)
# measures its own disk the same way; the best of its rounds becomes the
# "BENCH linux_blk_..." lines. The two never run at the same time.
. ./dom0lib.sh
wait_stopped 600 || exit 1
xl create linux.cfg || exit 1
log=/var/log/xen/console/guest-blklinux.log
i=0
until grep -q 'linux-domU blkbench done' "$log" 2> /dev/null; do
	i=$((i + 1))
	[ $i -lt 6000 ] || { echo "the Linux domU never finished"; tr -d '\r' < "$log"; exit 1; }
	sleep 0.1
done
tr -d '\r' < "$log" | grep '^linux-'
rc=0
for f in seq_write_mibs:MiB/s seq_read_mibs:MiB/s rand_read_iops:IOPS; do
	k=${f%%:*}
	v=$(tr -d '\r' < "$log" | sed -n "s/^linux-blk $k //p" | sort -n | tail -n 1)
	echo "BENCH linux_blk_$k ${v:-0} ${f#*:}"
	[ -n "$v" ] && [ "$v" != 0.0 ] || rc=1
done
xl destroy blklinux 2> /dev/null
exit $rc
