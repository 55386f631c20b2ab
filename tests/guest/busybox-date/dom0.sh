# dom0 side of busybox-date: the guest's seconds against dom0's clock.
. ./dom0lib.sh
wait_console 'bbdate:' 30 || exit 1
now=$(date -u +%s)
g=$(tr -d '\r' < "/var/log/xen/console/guest-$DOMNAME.log" | sed -n 's/^bbdate:\([0-9]*\):.*/\1/p' | head -n 1)
d=$((now - g))
[ "$d" -lt 0 ] && d=$((-d))
echo "date: guest $g, dom0 $now, $d s apart"
[ "$d" -le 5 ]
