# dom0's half of xs-stall (main.c): stop xenstored once the guest is
# ready, for 8 s, while the guest's big request times out half-written.
. ./dom0lib.sh
wait_key data/xs-stall-ready || exit 1
pid=$(pidof xenstored oxenstored | cut -d' ' -f1)
[ -n "$pid" ] || { echo "FAIL: no xenstored"; exit 1; }
xenstore-write "$(guest_path)/data/xs-stall-go" 1
sleep 0.3 # the guest reads it before the store stops
kill -STOP "$pid"
sleep 8
kill -CONT "$pid"
echo "xenstored $pid stopped for 8 s"
