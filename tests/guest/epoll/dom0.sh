# dom0 side of the epoll test: the guest's CPU time across a 5 s sleep
# and then a 5 s idle epoll_wait (xl list, seconds with one decimal,
# over 4 s of each): the wait may use at most 1 s more than the sleep
# (which pays for lwIP's timers: 0.2-0.3 s here, up to 0.8 s when the
# machine under the emulated test host is busy), and under 2 s, where a
# wait that spins uses all 4 s; then tcpecho against its edge-triggered echo server: 4 MiB of
# random bytes (sha256 of sent and echoed compared here) and 50 clients
# at once with their own patterns. A connection to port 8 ends it.
. ./dom0lib.sh
G=169.254.10.9
rc=0
cpu_time() { xl list "$DOMNAME" | awk 'NR == 2 { print $6 }'; }

# The guest's CPU seconds used over 4 s, from 0.5 s after KEY appeared.
cpu_over_4s() { # key
	wait_key "$1" 90 > /dev/null || return 1
	sleep 0.5 # let the guest reach its sleep or wait
	t1=$(cpu_time)
	sleep 4
	t2=$(cpu_time)
	[ -n "$t1" ] && [ -n "$t2" ] || return 1
	awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }'
}
s=$(cpu_over_4s data/epoll-sleep) || exit 1
e=$(cpu_over_4s data/epoll-idle) || exit 1
echo "cpu used in 4 s: asleep $s s, in the idle epoll_wait $e s"
if awk -v s="$s" -v e="$e" 'BEGIN { exit !(e < 2.0 && e <= s + 1.0) }'; then
	echo "idle ok"
else
	echo "FAIL: the idle epoll_wait used more CPU than sleeping"
	rc=1
fi

wait_key data/epoll-listening 30 > /dev/null || exit 1
dd if=/dev/urandom of=/tmp/epoll.in bs=1M count=4 2> /dev/null
tcpecho -w 20 -t 60 -f /tmp/epoll.in -o /tmp/epoll.out "$G" 7 || rc=1
a=$(sha256sum < /tmp/epoll.in) b=$(sha256sum < /tmp/epoll.out)
[ "$a" = "$b" ] && echo "4 MiB: sha256 identical" || rc=1
tcpecho -t 60 -c 50 -k 256 "$G" 7 && echo "50 clients: all identical" || rc=1
rm -f /tmp/epoll.in /tmp/epoll.out
# End the server.
poke_port "$G" 8
exit $rc
