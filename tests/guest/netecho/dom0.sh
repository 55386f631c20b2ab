# dom0 side of netecho: 10 MiB of random bytes through examples/echo, the
# sha256 of what was sent and what came back compared here; then 50
# clients at once, 256 KiB each (each its own pattern), each checked byte
# for byte. Then xl shutdown.
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
dd if=/dev/urandom of=/tmp/netecho.in bs=1M count=10 2> /dev/null
tcpecho -w 20 -t 60 -f /tmp/netecho.in -o /tmp/netecho.out "$ip" 7 || rc=1
a=$(sha256sum < /tmp/netecho.in) b=$(sha256sum < /tmp/netecho.out)
echo "sha256 sent ${a%% *}"
echo "sha256 back ${b%% *}"
[ "$a" = "$b" ] && echo "10 MiB: sha256 identical" || rc=1
tcpecho -t 60 -c 50 -k 256 "$ip" 7 && echo "50 clients: all identical" || rc=1
rm -f /tmp/netecho.in /tmp/netecho.out
xl shutdown "$DOMNAME"
exit $rc
