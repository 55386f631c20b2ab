# dom0's side of netraw: arping the guest's address on xenbr0, check the
# replies come from the MAC xenstore gives vif 0, and count the guest's
# burst of frames on dom0's end of the vif; then detach the vif, attach it
# again with the same MAC, and arping once more.
. ./dom0lib.sh
IP=169.254.1.2
VIF=vif$DOMID.0
mac=$(wait_key device/vif/0/mac) || exit 1
echo "xenstore mac $mac"
BE=/local/domain/0/backend/vif/$DOMID/0
# Wait until the backend's state is $1 (10 s at most).
backend_state() {
	n=0
	until [ "$(xenstore-read "$BE/state" 2> /dev/null)" = "$1" ]; do
		n=$((n + 1))
		[ $n -lt 100 ] || { echo "backend never reached state $1"; return 1; }
		sleep 0.1
	done
}
# arping the guest 3 times; prints how many replies came from $mac.
ping3() {
	out=$(arping -I xenbr0 -c 3 -w 10 "$IP" 2>&1)
	echo "$out" >&2
	echo "$out" | grep -ci "reply from $IP \[$mac\]"
}
backend_state 4 || exit 1
stat=/sys/class/net/$VIF/statistics/rx_packets
before=$(cat "$stat") || exit 1
replies=$(ping3)
echo "replies from $mac: $replies"
sleep 2
after=$(cat "$stat")
echo "frames from the guest: $((after - before))"
rc=0
[ "$replies" -ge 3 ] || { echo "too few ARP replies"; rc=1; }
[ $((after - before)) -ge 53 ] || { echo "too few frames from the guest"; rc=1; }

# Detach: the toolstack needs the guest to answer Closing with Closed.
t0=$(date +%s)
xl network-detach "$DOMID" 0 || { echo "network-detach failed"; rc=1; }
echo "detached after $(($(date +%s) - t0)) s"
xenstore-read "$BE/state" > /dev/null 2>&1 && { echo "backend still there"; rc=1; }
xl network-attach "$DOMID" bridge=xenbr0 "mac=$mac" || { echo "network-attach failed"; rc=1; }
backend_state 4 || rc=1
sleep 1 # the guest's worker raises the link after the backend's Connected
again=$(ping3)
echo "replies after reattach: $again"
[ "$again" -ge 3 ] || { echo "too few ARP replies after the reattach"; rc=1; }

xenstore-write "$(guest_path)/data/netraw-done" 1
[ $rc = 0 ] && echo "dom0 ok"
exit $rc
