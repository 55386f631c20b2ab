# shellcheck shell=sh
# The flood of the storm tests, sourced by their dom0.sh with `ip` (the
# guest's address) and `ready` (a console pattern saying the program
# runs) set. For up to STORM_SECONDS (default 14), and until the guest
# has stopped: console input through the guest's pty, network frames
# (ping, UDP to the discard port) and xenstore watch events (writes under
# the guest's control/ and device/vif/, which the kernel's control thread
# and netfront's hot-plug thread watch). Prints "storm sent" when every
# source ran (at least 40 watch events: dom0 starts processes slowly),
# then waits for the guest to stop.
. ./dom0lib.sh
wait_console "$ready" 60 || exit 1
tty=$(xenstore-read "$(guest_path)/console/tty") || { echo "no console/tty"; exit 1; }
# One watcher ends the flood (a file "stop"): at the time limit or when
# the guest has stopped (xl list is slow in dom0: the flood's own loops
# only test for the file).
rm -f stop
pids=''
(sleep "${STORM_SECONDS:-14}"; touch stop) &
pids="$pids $!"
(until [ -e stop ]; do
	xl list "$DOMNAME" 2> /dev/null | awk 'NR == 2 { exit $5 ~ /s/ ? 0 : 1 }' && touch stop
	sleep 1
done) &
pids="$pids $!"
(while [ ! -e stop ]; do
	printf 'stormstormstormstormstormstormstormstormstormstorm\r' > "$tty" 2> /dev/null
done) &
pids="$pids $!"
(while [ ! -e stop ]; do ping -c 50 -i 0.01 -W 1 "$ip" > /dev/null 2>&1; done) &
pids="$pids $!"
(while [ ! -e stop ]; do
	dd if=/dev/zero bs=1k count=64 2> /dev/null | nc -u -w 1 "$ip" 9 > /dev/null 2>&1
done) &
pids="$pids $!"
# Each xenstore-write sets 10 keys under control/ and 10 under
# device/vif/: 20 watch events (a process start costs dom0 more than a
# write).
g=$(guest_path)
n=0
while [ ! -e stop ]; do
	set --
	for k in 0 1 2 3 4 5 6 7 8 9; do
		set -- "$@" "$g/control/storm$k" $n "$g/device/vif/storm$k" $n
	done
	xenstore-write "$@" 2> /dev/null
	n=$((n + 20))
done
# A loop may be stuck (a pty the guest no longer reads): end them all.
touch stop
kill $pids 2> /dev/null
wait
for k in 0 1 2 3 4 5 6 7 8 9; do
	xenstore-rm "$g/control/storm$k" "$g/device/vif/storm$k" 2> /dev/null
done
echo "xenstore writes: $n"
[ "$n" -ge 40 ] && echo "storm sent"
wait_stopped 60
