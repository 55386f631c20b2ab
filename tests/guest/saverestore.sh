# shellcheck shell=sh
# dom0's side of saverestore and saverestore-go (sourced by their
# dom0.sh, with ip set): warm up, read the request counter, open a
# keep-alive connection and use it, xl save, xl restore, use the kept
# connection again, read the counter, 100 new requests on 10 connections,
# then xl shutdown.
. ./dom0lib.sh
rc=0
uptime() { read -r _up _ < /proc/uptime && echo "$_up"; }
took() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; } # start end
counter() { httpget -o - "$ip" 80 /stats 2> /dev/null | sed -n 's/^requests //p'; }
responses() { grep -c '^HTTP/1.1 200' /tmp/sr.out; }
httpget -w 60 -n 10 "$ip" 80 / > /dev/null || rc=1
c0=$(counter)
echo "counter before: $c0"
rm -f /tmp/sr.in /tmp/sr.out
mkfifo /tmp/sr.in
nc "$ip" 80 < /tmp/sr.in > /tmp/sr.out &
ncpid=$!
exec 3> /tmp/sr.in
printf 'GET / HTTP/1.1\r\nHost: skiff\r\n\r\n' >&3
i=0
while [ "$(responses)" -lt 1 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
echo "kept connection: $(responses) response(s) before the save"
mem() { xl list "$DOMNAME" 2> /dev/null | awk 'NR == 2 { print $3 }'; }
m0=$(mem)
t0=$(uptime)
xl save "$DOMNAME" /tmp/sr.save > save.log 2>&1
s=$?
t1=$(uptime)
echo "xl save: $s"
echo "xl save took $(took "$t0" "$t1") s"
sed 's/^/save: /' save.log | grep -v progress
xl list "$DOMNAME" > /dev/null 2>&1 && { echo "the domain still exists after xl save"; rc=1; }
sleep 2
t0=$(uptime)
xl restore /tmp/sr.save > restore.log 2>&1
s=$?
t1=$(uptime)
echo "xl restore: $s"
echo "xl restore took $(took "$t0" "$t1") s"
sed 's/^/restore: /' restore.log
# Free memory is left out of the save (xen/balloon.c): the file holds
# what the app uses, and the restored domain holds all of it again.
kib=$(($(stat -c %s /tmp/sr.save) / 1024))
echo "save file: $kib KiB, domain memory: ${m0:-?} MiB"
[ -n "$m0" ] && [ "$kib" -lt $((m0 * 1024 * 3 / 4)) ] &&
	echo "save file: under 3/4 of the domain's memory" || rc=1
rm -f /tmp/sr.save
printf 'GET / HTTP/1.1\r\nHost: skiff\r\n\r\n' >&3
i=0
while [ "$(responses)" -lt 2 ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
n=$(responses)
echo "kept connection: $n response(s) after the restore"
[ "$n" -eq 2 ] && echo "kept connection: works" || rc=1
c1=$(counter)
m1=$(mem)
echo "memory after the restore: ${m1:-?} MiB (before: ${m0:-?} MiB)"
[ -n "$m1" ] && [ "$m1" = "$m0" ] && echo "memory: all back" || rc=1
echo "counter after: $c1"
[ -n "$c0" ] && [ -n "$c1" ] && [ "$c1" -gt "$c0" ] && echo "counter: continues" || rc=1
httpget -c 10 -n 10 "$ip" 80 / || rc=1
exec 3>&-
kill $ncpid 2> /dev/null
xl shutdown "$DOMNAME"
wait_stopped 60 || rc=1
exit $rc
