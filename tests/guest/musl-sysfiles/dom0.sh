# dom0 side of musl-sysfiles: the host name the guest printed is the
# domain's name, and musl found the domain's address for it.
. ./dom0lib.sh
rc=0
wait_stopped 60 || rc=1
log=/var/log/xen/console/guest-$DOMNAME.log
for line in "hostname $DOMNAME" "lookup $DOMNAME 169.254.10.32"; do
	# The console log ends its lines with \r\n.
	if tr -d '\r' < "$log" | grep -q "^musl-sysfiles: $line\$"; then
		echo "guest said: $line"
	else
		echo "the guest did not say: $line"
		rc=1
	fi
done
exit $rc
