# shellcheck shell=sh
# The system-call benchmark, in dom0: the same sysbench ELF on Skiff (this
# job's guest) and in a Debian Linux PV domU (linux.cfg, from job.sh).
# Once both say they are ready (each has counted its calls a round), dom0
# asks them for ROUNDS rounds in turns over TCP (port 5003; the other one
# waits in accept), so that a load on the host that changes over time
# weighs on both alike, and prints the best of each figure as "BENCH
# skiff_..." and "BENCH linux_..." lines for tools/bench.sh. Both must
# say how their clock_gettime goes (through the vDSO or not); the
# figures are what they are. Then the Skiff guest is told to exit.
. ./dom0lib.sh
ROUNDS=7
SKIFF_IP=169.254.31.2
LINUX_IP=169.254.31.10
CON=/var/log/xen/console
rc=0

xl create linux.cfg || exit 1

# Wait until NAME's console says it is ready (at most SECONDS).
ready() { # name prefix seconds
	i=0
	until grep -q "^sysbench: $2 ready" "$CON/guest-$1.log" 2> /dev/null; do
		i=$((i + 1))
		if [ $i -ge $(($3 * 10)) ] || grep -q 'sysbench: FAIL' "$CON/guest-$1.log" 2> /dev/null; then
			echo "$1 never got ready; its console:"
			tr -d '\r' < "$CON/guest-$1.log"
			return 1
		fi
		sleep 0.1
	done
	tr -d '\r' < "$CON/guest-$1.log" | grep "^sysbench: $2"
}

# One round of PREFIX's figures at IP, appended to /tmp/sys.PREFIX.
round() { # ip prefix
	out=$(echo round | nc -w 60 "$1" 5003)
	case $out in
	syscall_ns*) echo "$2: $out" && echo "$out" >> "/tmp/sys.$2" ;;
	*) echo "$2: no answer to a round ('$out')" && rc=1 ;;
	esac
}

if ready "$DOMNAME" skiff 120 && ready syslinux linux 300; then
	rm -f /tmp/sys.skiff /tmp/sys.linux
	n=0
	while [ $n -lt $ROUNDS ]; do
		round $SKIFF_IP skiff
		round $LINUX_IP linux
		n=$((n + 1))
	done
	for p in skiff linux; do
		for k in syscall_ns vdso_clock_ns clock_syscall_ns; do
			# By field name: "syscall_ns" is also the end of "clock_syscall_ns".
			v=$(awk -v k="$k" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' \
				"/tmp/sys.$p" 2> /dev/null | sort -n | head -n 1)
			echo "BENCH ${p}_$k ${v:-0} ns"
			[ -n "$v" ] || rc=1
		done
	done
else
	rc=1
fi
xl destroy syslinux 2> /dev/null
echo exit | nc -w 10 $SKIFF_IP 5003 | grep -qx bye || rc=1
wait_stopped 30 || rc=1
exit $rc
