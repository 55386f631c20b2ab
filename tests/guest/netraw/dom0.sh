# dom0's side of netraw: arping the guest's address on xenbr0, check the
# replies come from the MAC xenstore gives vif 0, and count the guest's
# burst of frames on dom0's end of the vif; then detach the vif, attach it
# again with the same MAC, and arping once more. vif 1 answers for its own
# address with its own MAC.
. ./dom0lib.sh
IP=169.254.1.2
VIF=vif$DOMID.0
mac=$(wait_key device/vif/0/mac) || exit 1
mac1=$(wait_key device/vif/1/mac) || exit 1
echo "xenstore mac $mac"
echo "xenstore mac1 $mac1"
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
# arping address $1 3 times; prints how many replies came from MAC $2.
ping3() {
	out=$(arping -I xenbr0 -c 3 -w 10 "$1" 2>&1)
	echo "$out" >&2
	echo "$out" | grep -ci "reply from $1 \[$2\]"
}
backend_state 4 || exit 1
stat=/sys/class/net/$VIF/statistics/rx_packets
before=$(cat "$stat") || exit 1
replies=$(ping3 "$IP" "$mac")
echo "replies from $mac: $replies"
rc=0
# vif 1's turn, which also gives the guest's burst on vif 0 time to pass.
replies1=$(ping3 169.254.1.3 "$mac1")
echo "vif 1 replies from $mac1: $replies1"
after=$(cat "$stat")
echo "frames from the guest: $((after - before))"

[ "$replies1" -ge 3 ] || { echo "too few ARP replies on vif 1"; rc=1; }
[ "$replies" -ge 3 ] || { echo "too few ARP replies"; rc=1; }
[ $((after - before)) -ge 53 ] || { echo "too few frames from the guest"; rc=1; }

# Detach: the toolstack needs the guest to answer Closing with Closed.
t0=$(date +%s)
xl network-detach "$DOMID" 0 || { echo "network-detach failed"; rc=1; }
echo "detached after $(($(date +%s) - t0)) s"
xenstore-read "$BE/state" > /dev/null 2>&1 && { echo "backend still there"; rc=1; }
xl network-attach "$DOMID" bridge=xenbr0 "mac=$mac" devid=0 || { echo "network-attach failed"; rc=1; }
backend_state 4 || rc=1
# The guest's worker raises the link after the backend's Connected.
wait_console 'netraw: link up again' 10 || echo "the guest never saw its link again"
# A frame the bridge hands the new port while netback is still filling
# its queue from the guest's first rx requests may be lost, as on any
# link that just came up: one warm-up probe (up to 5 s) before counting.
arping -I xenbr0 -c 1 -w 5 "$IP" > /dev/null 2>&1 || echo "no reply to the warm-up probe"
again=$(ping3 "$IP" "$mac")
echo "replies after reattach: $again"
[ "$again" -ge 3 ] || { echo "too few ARP replies after the reattach"; rc=1; }

xenstore-write "$(guest_path)/data/netraw-done" 1
[ $rc = 0 ] && echo "dom0 ok"
exit $rc
