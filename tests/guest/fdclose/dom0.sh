# dom0 side of fdclose: once the guest's 300 rounds are done, read the
# lwIP socket count and the heap in use it wrote before and after them:
# the sockets must be back at their count, the heap within 4 KiB of its
# baseline: newlib's smallest block is 32 bytes, so a leak of one block
# a round is 9.6 KiB, while something allocated once during the rounds
# (not per round: the guest's per-kind runs after them keep nothing) has
# been seen to keep about 1.9 KiB. Then the app must still serve: a line
# echoed back on port 7; a connection to port 8 ends it.
. ./dom0lib.sh
G=169.254.10.12
rc=0
wait_key data/fdclose-done 100 > /dev/null || exit 1
k() { xenstore-read "$(guest_path)/data/fdclose-$1"; }
sb=$(k sockets-base) se=$(k sockets-end) hb=$(k heap-base) he=$(k heap-end)
n=$(k rounds)
echo "rounds passed: $n"
echo "sockets: $sb before, $se after"
echo "heap: $hb before, $he after"
[ "$n" = 300 ] && echo "all 300 rounds passed" || rc=1
[ "$sb" = "$se" ] && echo "socket count back at its baseline" || rc=1
if [ "$he" -le $((hb + 4096)) ]; then
	echo "heap back at its baseline"
else
	echo "FAIL: the heap grew by $((he - hb)) bytes"
	rc=1
fi
got=$(echo "still serving" | nc -w 5 "$G" 7)
echo "echo: $got"
[ "$got" = "still serving" ] && echo "the app still serves" || rc=1
poke_port "$G" 8
exit $rc
