# dom0's side of blkshutdown: let the guest copy for a while, xl shutdown,
# wait until the domain has stopped, then check
# each slot against the chunk of the last pass the guest started.
. ./dom0lib.sh
LOG=/var/log/xen/console/guest-$DOMNAME.log
wait_console 'blkshutdown: writing' 60 || exit 1
sleep 1
xl shutdown "$DOMNAME"
echo "xl shutdown: $?"
wait_stopped 60 || exit 1
echo "guest stopped"
# The last pass started for each slot (lines come in pass order).
tr -d '\r' < "$LOG" | awk '/^blkshutdown: chunk [0-9]+ pass [0-9]+$/ { last[$3] = $5 }
	END { for (n in last) print n, last[n] }' > /tmp/last
chunks=$(sed -n 's/^blkshutdown: writing \([0-9]*\) chunks.*/\1/p' "$LOG" | tr -d '\r')
bad=0 n=0
while read -r slot pass; do
	from=$(((slot + pass) % chunks))
	dd if=disk1.img of=/tmp/a bs=1048576 skip="$from" count=1 2> /dev/null
	dd if=disk2.img of=/tmp/b bs=1048576 skip="$slot" count=1 2> /dev/null
	cmp -s /tmp/a /tmp/b || { echo "slot $slot (pass $pass) differs"; bad=$((bad + 1)); }
	n=$((n + 1))
done < /tmp/last
echo "checked $n chunks, $bad differ"
rm -f disk*.img /tmp/a /tmp/b /tmp/last
[ "$bad" -eq 0 ] && [ "$n" -gt 0 ]
