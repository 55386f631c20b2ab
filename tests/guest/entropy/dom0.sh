# dom0 side of entropy: wait for the first boot's bytes, xl reboot, wait
# for the second boot's, then compare and test them (stats.awk), and
# shut the domain down.
. ./dom0lib.sh
log=/var/log/xen/console/guest-$DOMNAME.log

# Wait until "entropy: done" has appeared N times.
wait_done() { # n seconds
	i=$(($2 * 10))
	until [ "$(tr -d '\r' < "$log" 2> /dev/null | grep -c '^entropy: done$')" -ge "$1" ]; do
		i=$((i - 1))
		[ $i -gt 0 ] || { echo "boot $1 never finished (waited $2 s)"; return 1; }
		sleep 0.1
	done
}

wait_done 1 60 || exit 1
xl reboot "$DOMNAME" || exit 1
echo "xl reboot: 0"
wait_done 2 90 || exit 1
echo "second boot done"
xl shutdown "$DOMNAME"
tr -d '\r' < "$log" > /tmp/entropy.console
rc=0
# The same call in the two boots (same host seed, same program): the
# bytes must differ.
for what in getrandom getentropy arc4random_buf; do
	a=$(grep "^entropy: $what " /tmp/entropy.console | sed -n 1p)
	b=$(grep "^entropy: $what " /tmp/entropy.console | sed -n 2p)
	if [ -z "$a" ] || [ -z "$b" ]; then
		echo "$what: missing in a boot"
		rc=1
	elif [ "$a" = "$b" ]; then
		echo "$what: the two boots gave the same bytes"
		rc=1
	else
		echo "$what: the two boots differ"
	fi
done
# Each boot's 4 KiB of /dev/urandom (64 lines), and the first lines of
# the two boots against each other.
n=$(grep -c '^entropy: urandom ' /tmp/entropy.console)
[ "$n" -eq 128 ] || { echo "expected 128 urandom lines, saw $n"; rc=1; }
for boot in 1 2; do
	grep '^entropy: urandom ' /tmp/entropy.console | sed -n "$(((boot - 1) * 64 + 1)),$((boot * 64))p" |
		awk -v boot="$boot" -f stats.awk || rc=1
done
u1=$(grep '^entropy: urandom ' /tmp/entropy.console | sed -n 1p)
u65=$(grep '^entropy: urandom ' /tmp/entropy.console | sed -n 65p)
[ -n "$u1" ] && [ "$u1" != "$u65" ] && echo "urandom: the two boots differ" || rc=1
wait_stopped 30 || rc=1
exit $rc
