# shellcheck shell=sh
# The system-call benchmark's Linux half: once the Skiff guest has printed
# its figures and stopped, the Linux PV domU (linux.cfg, from job.sh) runs
# the same sysbench ELF as `app linux`; its "BENCH linux_..." lines are
# copied from the domU's console to this log (tools/bench.sh reads both).
# The two never run at the same time. Both must say how clock_gettime
# goes (through the vDSO or not); the figures are what they are.
. ./dom0lib.sh
wait_stopped 300 || exit 1
grep -q 'sysbench: skiff: AT_SYSINFO_EHDR' "/var/log/xen/console/guest-$DOMNAME.log" ||
	{ echo "the Skiff guest printed no sysbench line"; exit 1; }
xl create linux.cfg || exit 1
log=/var/log/xen/console/guest-syslinux.log
i=0
until grep -q 'sysbench: linux done' "$log" 2> /dev/null; do
	i=$((i + 1))
	if [ $i -ge 3000 ] || grep -q 'sysbench: FAIL' "$log" 2> /dev/null; then
		echo "the Linux domU never finished; its console:"
		tr -d '\r' < "$log"
		xl destroy syslinux 2> /dev/null
		exit 1
	fi
	sleep 0.1
done
rc=0
tr -d '\r' < "$log" | grep '^sysbench: ' || rc=1
for k in syscall_ns vdso_clock_ns clock_syscall_ns; do
	v=$(tr -d '\r' < "$log" | sed -n "s/^BENCH linux_$k \([0-9.]*\) ns$/\1/p")
	echo "BENCH linux_$k ${v:-0} ns"
	[ -n "$v" ] || rc=1
done
xl destroy syslinux 2> /dev/null
exit $rc
