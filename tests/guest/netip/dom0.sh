# dom0's side of netip: serve DHCP on xenbr0 (busybox udhcpd), read
# xenstore's data/ip, then ping each of the guest's three addresses (each
# echo reply proves lwIP's ARP, IPv4 and ICMP on that vif).
. ./dom0lib.sh
mkdir -p /tmp/netip
cat > /tmp/netip/udhcpd.conf << CONF
start 169.254.7.10
end 169.254.7.20
interface xenbr0
lease_file /tmp/netip/leases
option subnet 255.255.0.0
option router 169.254.0.1
option lease 600
CONF
: > /tmp/netip/leases
busybox udhcpd -f /tmp/netip/udhcpd.conf > /tmp/netip/udhcpd.log 2>&1 &
dhcpd=$!
rc=0
ip=$(wait_key data/ip 40) || rc=1
echo "xenstore data/ip $ip"
# The DHCP address: the lease udhcpd handed out (wait for the guest to
# report it, it comes within its 10 s wait).
n=0
until grep -q 'net: vif2 .* (from DHCP)' "/var/log/xen/console/guest-$DOMNAME.log" 2> /dev/null; do
	n=$((n + 1))
	[ $n -lt 300 ] || break
	sleep 0.1
done
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
kill $dhcpd 2> /dev/null
xenstore-write "$(guest_path)/data/netip-done" 1
[ $rc = 0 ] && echo "dom0 ok"
exit $rc
