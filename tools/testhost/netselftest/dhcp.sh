# dom0.sh of the network self-test's DHCP job: the domU's udhcpc gets an
# address from dom0's udhcpd (the job's udhcpd.conf); dom0 pings it.
log=/var/log/xen/console/guest-$DOMNAME.log
i=0
until ip=$(sed -n 's/^linux-domU ip \([0-9.]*\).*/\1/p' "$log" 2> /dev/null | head -n 1) && [ -n "$ip" ]; do
	i=$((i + 1))
	[ $i -lt 600 ] || { echo "FAILED: no DHCP address on the domU's console"; xl shutdown "$DOMNAME"; exit 1; }
	sleep 0.1
done
echo "domU leased $ip"
case $ip in 169.254.100.*) echo "ok: address from the pool" ;; *) echo "FAILED: $ip is not from the pool"; exit 1 ;; esac
ping -c 2 -W 2 "$ip" && echo "ok: ping $ip"
rc=$?
xl shutdown "$DOMNAME"
exit $rc
