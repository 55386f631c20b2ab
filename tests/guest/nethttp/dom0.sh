# dom0 side of nethttp: warm up, read /stats, 1000 keep-alive requests on
# one connection, read /stats again; /1m against the same bytes made here
# with awk (sha256); HEAD and 404. Then xl shutdown.
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
stat() { httpget -o - "$ip" 80 /stats 2> /dev/null | sed -n "s/^$1 //p"; }
httpget -w 20 -n 10 "$ip" 80 / > /dev/null || rc=1
httpget -n 2 "$ip" 80 /1m > /dev/null || rc=1
h0=$(stat heap_in_use)
httpget -n 1000 "$ip" 80 / || rc=1
h1=$(stat heap_in_use)
echo "heap in use before $h0 after $h1"
if [ "${h0:-0}" -gt 0 ] && [ -n "$h1" ] && [ $((h1 - h0)) -le 4096 ]; then
	echo "heap: no leak"
else
	echo "heap: grew by $((h1 - h0)) bytes"
	rc=1
fi
httpget -n 3 -l 1048576 -o /tmp/nethttp.1m "$ip" 80 /1m || rc=1
a=$(awk 'BEGIN { for (i = 0; i < 16384; i++) printf "%07d abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012\n", i }' | sha256sum)
b=$(sha256sum < /tmp/nethttp.1m)
echo "sha256 /1m ${b%% *} expected ${a%% *}"
[ "$a" = "$b" ] && echo "/1m: sha256 matches" || rc=1
httpget -m HEAD -l 1048576 "$ip" 80 /1m || rc=1
httpget -s 404 "$ip" 80 /nothing || rc=1
wget -q -O /tmp/nethttp.page "http://$ip/" && grep -q 'Hello from Skiff' /tmp/nethttp.page &&
	echo "busybox wget: page ok" || rc=1
httpget -o - "$ip" 80 /stats
xl shutdown "$DOMNAME"
exit $rc
