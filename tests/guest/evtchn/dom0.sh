# dom0's half of the evtchn test (see main.c): evtchn-peer binds the
# guest's port and sends 100 events, then allocates a port of its own for
# the guest to bind, and answers its 10 events.
dir=/local/domain/$DOMID/data
rc=0

i=0
until port=$(xenstore-read "$dir/evtchn-port" 2> /dev/null); do
	i=$((i + 1))
	[ $i -lt 300 ] || { echo "FAIL: guest never published a port"; exit 1; }
	sleep 0.1
done
echo "guest port $port"
evtchn-peer "$DOMID" "$port" 100 || rc=1

evtchn-peer -l "$DOMID" 10 dom0port &
peer=$!
i=0
until [ -e dom0port ]; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "FAIL: evtchn-peer -l did not allocate"; exit 1; }
	sleep 0.1
done
xenstore-write "$dir/evtchn-dom0-port" "$(cat dom0port)"
wait $peer || rc=1
exit $rc
