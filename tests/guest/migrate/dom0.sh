# dom0's side of migrate: fetch the guest's disk over TCP; once 8 MiB are
# in, xl migrate the domain to localhost (th-local is the "ssh"); the
# transfer must go on and end with the disk's exact bytes. A Xen built
# without shadow paging (Debian's 4.17) cannot track a PV guest's dirty
# pages, so xl migrate (always live) fails there before it asks the
# guest anything: the guest must run on untouched, and the same move is
# then made by hand, xl save and xl restore in the middle of the
# transfer.
. ./dom0lib.sh
ip=169.254.10.10
rc=0
size() { stat -c %s /tmp/mig.out 2> /dev/null || echo 0; }
wait_console '^migrate: serving the disk' 60 || exit 1
rm -f /tmp/mig.out
nc "$ip" 7000 > /tmp/mig.out &
ncpid=$!
i=0
while [ "$(size)" -lt 8388608 ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
echo "received before the migration: $(size) bytes"
xl migrate -s th-local "$DOMNAME" localhost > migrate.log 2>&1
m=$?
echo "xl migrate: $m"
grep -v progress migrate.log | sed 's/^/migrate: /'
if [ $m -ne 0 ] && grep -q 'Failed to enable logdirty' migrate.log; then
	echo "live migration unavailable: this Xen cannot log a PV guest's dirty pages (no shadow paging)"
	xl list "$DOMNAME" > /dev/null 2>&1 && echo "the guest runs on after the failed migration" || rc=1
	echo "received before the save: $(size) bytes"
	xl save "$DOMNAME" /tmp/mig.save > save.log 2>&1
	echo "xl save: $?"
	xl restore /tmp/mig.save > restore.log 2>&1
	echo "xl restore: $?"
	sed 's/^/restore: /' restore.log
	rm -f /tmp/mig.save
elif [ $m -ne 0 ]; then
	rc=1
fi
after=$(size)
echo "received when the move ended: $after bytes"
[ "$after" -lt 67108864 ] && echo "the transfer spanned the move" ||
	echo "the transfer ended before the move did"
i=0
while kill -0 $ncpid 2> /dev/null && [ $i -lt 1200 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill $ncpid 2> /dev/null
got=$(sha256sum < /tmp/mig.out | cut -d' ' -f1)
echo "received $(size) bytes, sha256 $got, disk $(cat mig.sha256)"
[ "$got" = "$(cat mig.sha256)" ] && echo "transfer: byte-identical" || rc=1
rm -f /tmp/mig.out
wait_stopped 60 || rc=1
exit $rc
