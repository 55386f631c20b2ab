# dom0's half of the evtchn test (see main.c): evtchn-peer binds the
# guest's port and sends 100 events, then allocates a port of its own for
# the guest to bind, and answers its 10 events.
dir=/local/domain/$DOMID/data
rc=0

. ./dom0lib.sh
port=$(wait_key data/evtchn-port) || exit 1
echo "guest port $port"
evtchn-peer "$DOMID" "$port" 100 || rc=1

evtchn-peer -l "$DOMID" 10 dom0port &
peer=$!
wait_file dom0port || { echo "FAIL: evtchn-peer -l did not allocate"; exit 1; }
xenstore-write "$dir/evtchn-dom0-port" "$(cat dom0port)"
wait $peer || rc=1
exit $rc
