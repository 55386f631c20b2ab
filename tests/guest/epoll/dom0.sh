# dom0 side of the epoll test: the guest's CPU time across its 5 s idle
# epoll_wait (xl list, seconds with one decimal: it must grow < 0.5 s in
# 4 s), then tcpecho against its edge-triggered echo server: 4 MiB of
# random bytes (sha256 of sent and echoed compared here) and 50 clients
# at once with their own patterns. A connection to port 8 ends it.
. ./dom0lib.sh
G=169.254.10.9
rc=0
cpu_time() { xl list "$DOMNAME" | awk 'NR == 2 { print $6 }'; }

wait_key data/epoll-idle 90 > /dev/null || exit 1
sleep 0.5 # let the guest reach its wait
t1=$(cpu_time)
sleep 4
t2=$(cpu_time)
echo "cpu time $t1 -> $t2"
d=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
echo "cpu used in the idle epoll_wait: $d s"
if [ -n "$t1" ] && [ -n "$t2" ] && awk -v d="$d" 'BEGIN { exit !(d < 0.5) }'; then
	echo "idle ok"
else
	rc=1
fi

wait_key data/epoll-listening 30 > /dev/null || exit 1
dd if=/dev/urandom of=/tmp/epoll.in bs=1M count=4 2> /dev/null
tcpecho -w 20 -t 60 -f /tmp/epoll.in -o /tmp/epoll.out "$G" 7 || rc=1
a=$(sha256sum < /tmp/epoll.in) b=$(sha256sum < /tmp/epoll.out)
[ "$a" = "$b" ] && echo "4 MiB: sha256 identical" || rc=1
tcpecho -t 60 -c 50 -k 256 "$G" 7 && echo "50 clients: all identical" || rc=1
rm -f /tmp/epoll.in /tmp/epoll.out
nc -w 5 "$G" 8 < /dev/null
exit $rc
