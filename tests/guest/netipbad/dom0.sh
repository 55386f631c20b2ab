# dom0's side of netipbad: once the guest has given up waiting for DHCP,
# start udhcpd on xenbr0; the guest's next DHCP try gets a lease, which it
# reports and writes to data/ip; then ping it.
. ./dom0lib.sh
mkdir -p /tmp/netipbad
wait_console 'no DHCP lease yet' 60 || { echo "the guest never gave up on DHCP"; exit 1; }
echo "guest went on without a lease"
cat > /tmp/netipbad/udhcpd.conf << CONF
start 169.254.8.10
end 169.254.8.20
interface xenbr0
lease_file /tmp/netipbad/leases
option subnet 255.255.0.0
option lease 600
CONF
: > /tmp/netipbad/leases
busybox udhcpd -f /tmp/netipbad/udhcpd.conf > /tmp/netipbad/udhcpd.log 2>&1 &
dhcpd=$!
rc=0
ip=$(wait_key data/ip 70) || rc=1
echo "late lease $ip"
if [ -n "$ip" ] && ping -c 3 -W 5 "$ip" > /tmp/netipbad/ping.log 2>&1; then
	echo "ping late lease ok"
else
	cat /tmp/netipbad/ping.log
	rc=1
fi
kill $dhcpd 2> /dev/null
xenstore-write "$(guest_path)/data/netipbad-done" 1
[ $rc = 0 ] && echo "dom0 ok"
exit $rc
