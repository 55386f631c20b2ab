# dom0 side of netecho: 10 MiB of random bytes through examples/echo, the
# sha256 of what was sent and what came back compared here; then 50
# clients at once, 256 KiB each (each its own pattern), each checked byte
# for byte. Then xl shutdown. The guest's frames during the 10 MiB must
# average over 1514 bytes: merged TCP segments (transmit GSO).
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
dd if=/dev/urandom of=/tmp/netecho.in bs=1M count=10 2> /dev/null
# What the guest's vif handed dom0, as netback counts it: one packet per
# frame taken from the ring, before any cutting up of merged (GSO) ones.
stats=/sys/class/net/vif$(xl domid "$DOMNAME").0/statistics
p0=$(cat $stats/rx_packets) b0=$(cat $stats/rx_bytes)
tcpecho -w 20 -t 60 -f /tmp/netecho.in -o /tmp/netecho.out "$ip" 7 || rc=1
p1=$(cat $stats/rx_packets) b1=$(cat $stats/rx_bytes)
avg=$(((b1 - b0) / (p1 - p0 + 1)))
echo "guest frames during the 10 MiB: $((p1 - p0)), $((b1 - b0)) bytes, $avg on average"
[ "$avg" -gt 1514 ] && echo "guest frames: merged (GSO)"
a=$(sha256sum < /tmp/netecho.in) b=$(sha256sum < /tmp/netecho.out)
echo "sha256 sent ${a%% *}"
echo "sha256 back ${b%% *}"
[ "$a" = "$b" ] && echo "10 MiB: sha256 identical" || rc=1
tcpecho -t 60 -c 50 -k 256 "$ip" 7 && echo "50 clients: all identical" || rc=1
rm -f /tmp/netecho.in /tmp/netecho.out
xl shutdown "$DOMNAME"
exit $rc
