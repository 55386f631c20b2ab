# dom0's side of netip (the job serves DHCP on xenbr0 from udhcpd.conf): read
# xenstore's data/ip, then ping each of the guest's three addresses (each
# echo reply proves lwIP's ARP, IPv4 and ICMP on that vif), and vif0's
# IPv6 link-local address (neighbour discovery and ICMPv6); then detach
# and reattach vif2 and ping it again.
. ./dom0lib.sh
mkdir -p /tmp/netip
rc=0
ip=$(wait_key data/ip 40) || rc=1
echo "xenstore data/ip $ip"
# The DHCP address: the lease udhcpd handed out (wait for the guest to
# report it, it comes within its 10 s wait).
wait_console 'net: vif2 .* (from DHCP)' 30
dhcp=$(sed -n 's/^net: vif2 mac [^ ]* ip \([0-9.]*\)\/.*(from DHCP).*$/\1/p' "/var/log/xen/console/guest-$DOMNAME.log" | tail -n1)
echo "dhcp address ${dhcp:-none}"
for a in 169.254.1.2 169.254.1.3 $dhcp; do
	if ping -c 3 -W 5 "$a" > /tmp/netip/ping.log 2>&1; then
		echo "ping $a ok"
	else
		cat /tmp/netip/ping.log
		echo "ping $a failed"
		rc=1
	fi
done
# IPv6: the link-local address vif0 printed, over xenbr0.
ll=$(sed -n 's/^net: vif0 ipv6 \(fe80:[0-9a-f:]*\) (link-local).*$/\1/p' "/var/log/xen/console/guest-$DOMNAME.log" | tail -n1)
echo "ipv6 link-local ${ll:-none}"
if [ -n "$ll" ] && ping -6 -c 3 -W 5 "$ll%xenbr0" > /tmp/netip/ping6.log 2>&1; then
	echo "ping6 ok"
else
	cat /tmp/netip/ping6.log
	echo "ping6 failed"
	rc=1
fi
# Detach the last vif and attach it again with the same MAC (libxl gives
# the new one the next free number, the same): the guest removes the
# interface, makes a new one for the new vif2, gets its lease again (the
# same address from udhcpd for the same MAC) and answers again.
log=/var/log/xen/console/guest-$DOMNAME.log
mac=$(xenstore-read "$(guest_path)/device/vif/2/mac")
leases=$(grep -c '^net: vif2 mac .* ip .*(from DHCP)' "$log")
xl network-detach "$DOMID" 2 || { echo "network-detach failed"; rc=1; }
xl network-attach "$DOMID" bridge=xenbr0 "mac=$mac" || { echo "network-attach failed"; rc=1; }
n=0
until [ "$(grep -c '^net: vif2 mac .* ip .*(from DHCP)' "$log")" -gt "$leases" ]; do
	n=$((n + 1))
	[ $n -lt 200 ] || { echo "vif2 did not come up again"; rc=1; break; }
	sleep 0.1
done
if ping -c 3 -W 5 "$dhcp" > /tmp/netip/ping.log 2>&1; then
	echo "ping after reattach ok"
else
	cat /tmp/netip/ping.log
	echo "ping after reattach failed"
	rc=1
fi
xenstore-write "$(guest_path)/data/netip-done" 1
[ $rc = 0 ] && echo "dom0 ok"
exit $rc
