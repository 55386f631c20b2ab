# dom0's side of netraw: arping the guest's address on xenbr0, check the
# replies come from the MAC xenstore gives vif 0, and count the guest's
# burst of frames on dom0's end of the vif.
. ./dom0lib.sh
IP=169.254.1.2
VIF=vif$DOMID.0
mac=$(wait_key device/vif/0/mac) || exit 1
echo "xenstore mac $mac"
# The backend and the guest's link: the backend's state reaches 4.
n=0
until [ "$(xenstore-read "/local/domain/0/backend/vif/$DOMID/0/state" 2> /dev/null)" = 4 ]; do
	n=$((n + 1))
	[ $n -lt 150 ] || { echo "backend never connected"; exit 1; }
	sleep 0.1
done
stat=/sys/class/net/$VIF/statistics/rx_packets
before=$(cat "$stat") || exit 1
out=$(arping -I xenbr0 -c 3 -w 10 "$IP" 2>&1)
echo "$out"
replies=$(echo "$out" | grep -ci "reply from $IP \[$mac\]")
echo "replies from $mac: $replies"
sleep 2
after=$(cat "$stat")
echo "frames from the guest: $((after - before))"
xenstore-write "$(guest_path)/data/netraw-done" 1
[ "$replies" -ge 3 ] || { echo "too few ARP replies"; exit 1; }
[ $((after - before)) -ge 53 ] || { echo "too few frames from the guest"; exit 1; }
echo "dom0 ok"
