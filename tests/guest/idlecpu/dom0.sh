# Read the guest's CPU time (xl list, seconds with one decimal) once it
# has started its 10 s sleep and again 8 s later: it must grow < 0.5 s.
cpu_time() { xl list "$DOMNAME" | awk 'NR == 2 { print $6 }'; }

. ./dom0lib.sh
wait_key data/sleeping > /dev/null || exit 1
sleep 1 # let the guest reach its sleep
t1=$(cpu_time)
sleep 8
t2=$(cpu_time)
echo "cpu time $t1 -> $t2"
[ -n "$t1" ] && [ -n "$t2" ] || { echo "no CPU time from xl list"; exit 1; }
d=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.1f", b - a }')
echo "cpu used while sleeping: $d s"
awk -v d="$d" 'BEGIN { exit !(d < 0.5) }' || { echo "FAIL: idle guest used $d s of CPU in 8 s"; exit 1; }
echo "idle ok"
