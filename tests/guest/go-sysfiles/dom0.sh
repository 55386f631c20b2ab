# dom0 side of go-sysfiles: the names the guest printed against the
# domain's name and address dom0 knows; the file through Go's sendfile
# (/whole) and from byte 4096 through raw sendfile with an offset
# (/offset), byte for byte against the copy here; then /done.
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
log=/var/log/xen/console/guest-$DOMNAME.log
wait_console '^go-sysfiles: serving' 60 || rc=1
for line in "hostname $DOMNAME" "uname nodename $DOMNAME" \
	"lookup $DOMNAME \\[$ip\\]"; do
	# The console log ends its lines with \r\n.
	if tr -d '\r' < "$log" | grep -q "^go-sysfiles: $line\$"; then
		echo "guest said: $line"
	else
		echo "the guest did not say: $line"
		rc=1
	fi
done
size=$(wc -c < blob.txt)
httpget -l "$size" -o /tmp/sysfiles.whole "$ip" 80 /whole || rc=1
if cmp blob.txt /tmp/sysfiles.whole; then
	echo "/whole: the same $size bytes"
else
	rc=1
fi
tail -c +4097 blob.txt > /tmp/sysfiles.tail
httpget -l $((size - 4096)) -o /tmp/sysfiles.offset "$ip" 80 /offset || rc=1
if cmp /tmp/sysfiles.tail /tmp/sysfiles.offset; then
	echo "/offset: the same $((size - 4096)) bytes from byte 4096"
else
	rc=1
fi
echo "sha256 $(sha256sum < blob.txt)"
httpget "$ip" 80 /done > /dev/null || rc=1
wait_stopped 30 || rc=1
exit $rc
