# dom0 side of c-signal2: once the program waits in accept(), xl shutdown;
# its SIGTERM handler runs, accept() fails with EINTR and it exits by
# itself, well within the 10 s grace period.
. ./dom0lib.sh
wait_console 'c-signal2: waiting in accept for SIGTERM' 120 || exit 1
sleep 1
start=$(date +%s)
xl shutdown "$DOMNAME" && echo "xl shutdown: sent"
wait_stopped 30 || exit 1
took=$(($(date +%s) - start))
echo "stopped after $took s"
[ "$took" -lt 8 ] || { echo "slower than the program's own exit"; exit 1; }
