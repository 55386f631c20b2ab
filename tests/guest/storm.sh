# shellcheck shell=sh
# The flood of the storm tests, sourced by their dom0.sh with `ip` (the
# guest's address) and `ready` (a console pattern saying the program
# runs) set. For up to STORM_SECONDS (default 14), and until the guest
# has stopped: console input through the guest's pty, network frames
# (ping, UDP to the discard port) and xenstore watch events (writes under
# the guest's control/ and device/vif/, which the kernel's control thread
# and netfront's hot-plug thread watch). Prints "storm sent" when every
# source ran, then waits for the guest to stop.
. ./dom0lib.sh
wait_console "$ready" 60 || exit 1
tty=$(xenstore-read "$(guest_path)/console/tty") || { echo "no console/tty"; exit 1; }
# One watcher ends the flood (a file "stop"): at the time limit or when
# the guest has stopped (xl list is slow in dom0: the flood's own loops
# only test for the file).
rm -f stop
(sleep "${STORM_SECONDS:-14}"; touch stop) &
(until [ -e stop ]; do
	xl list "$DOMNAME" 2> /dev/null | awk 'NR == 2 { exit $5 ~ /s/ ? 0 : 1 }' && touch stop
	sleep 1
done) &
(while [ ! -e stop ]; do
	printf 'stormstormstormstormstormstormstormstormstormstorm\r' > "$tty" 2> /dev/null
done) &
(while [ ! -e stop ]; do ping -c 50 -i 0.01 -W 1 "$ip" > /dev/null 2>&1; done) &
(while [ ! -e stop ]; do
	dd if=/dev/zero bs=1k count=64 2> /dev/null | nc -u -w 1 "$ip" 9 > /dev/null 2>&1
done) &
n=0
while [ ! -e stop ]; do
	xenstore-write "$(guest_path)/control/storm" $n "$(guest_path)/device/vif/storm" $n 2> /dev/null
	n=$((n + 1))
done
wait
xenstore-rm "$(guest_path)/control/storm" "$(guest_path)/device/vif/storm" 2> /dev/null
echo "xenstore writes: $n"
[ "$n" -gt 50 ] && echo "storm sent"
wait_stopped 60
