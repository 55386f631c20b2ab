# dom0 side of go-tls: 100 pinned handshakes against the first boot's
# certificate, xl reboot, 10 more against the second boot's, which must
# have another fingerprint, then /exit.
. ./dom0lib.sh
log=/var/log/xen/console/guest-$DOMNAME.log
chmod +x ./tlsclient

# The fingerprint printed by boot N (1 or 2), once that boot listens.
fingerprint() { # n
	i=600
	until [ "$(tr -d '\r' < "$log" 2> /dev/null | grep -c '^go-tls: listening on port 443$')" -ge "$1" ]; do
		i=$((i - 1))
		[ $i -gt 0 ] || { echo "boot $1 never listened" >&2; return 1; }
		sleep 0.1
	done
	tr -d '\r' < "$log" | sed -n 's/^go-tls: certificate sha256 \([0-9a-f]\{64\}\)$/\1/p' | sed -n "$1p"
}

ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
fp1=$(fingerprint 1) || exit 1
[ -n "$fp1" ] || { echo "no fingerprint on the console"; exit 1; }
echo "boot 1 certificate: $fp1"
./tlsclient -n 100 -fp "$fp1" "$ip:443" || exit 1
xl reboot "$DOMNAME" || exit 1
echo "xl reboot: 0"
fp2=$(fingerprint 2) || exit 1
[ -n "$fp2" ] || { echo "no second fingerprint on the console"; exit 1; }
echo "boot 2 certificate: $fp2"
# The new domain gets its address again; wait until it answers.
i=0
until ./tlsclient -n 1 -fp "$fp2" "$ip:443" > /dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 30 ] || { echo "the second boot never answered"; exit 1; }
	sleep 1
done
./tlsclient -n 10 -fp "$fp2" "$ip:443" || exit 1
rc=0
if [ "$fp1" = "$fp2" ]; then
	echo "the two boots made the same certificate"
	rc=1
else
	echo "the two boots made different certificates"
fi
# Pinned to the first boot's certificate, a handshake must now fail.
if ./tlsclient -n 1 -fp "$fp1" "$ip:443" > /dev/null 2>&1; then
	echo "a handshake pinned to the old certificate succeeded"
	rc=1
else
	echo "the old certificate is refused"
fi
./tlsclient -n 1 -fp "$fp2" -path /exit "$ip:443" || rc=1
wait_stopped 30 || rc=1
exit $rc
