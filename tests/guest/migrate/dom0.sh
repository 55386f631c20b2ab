# dom0's side of migrate: fetch the guest's disk over TCP; once 8 MiB are
# in, xl migrate the domain to localhost (th-local is the "ssh"); the
# transfer must go on and end with the disk's exact bytes.
. ./dom0lib.sh
ip=169.254.10.10
rc=0
wait_console '^migrate: serving the disk' 60 || exit 1
rm -f /tmp/mig.out
nc "$ip" 7000 > /tmp/mig.out &
ncpid=$!
i=0
while [ "$(stat -c %s /tmp/mig.out 2> /dev/null || echo 0)" -lt 8388608 ] && [ $i -lt 600 ]; do
	sleep 0.1
	i=$((i + 1))
done
before=$(stat -c %s /tmp/mig.out)
echo "received before the migration: $before bytes"
xl migrate -s th-local "$DOMNAME" localhost > migrate.log 2>&1
echo "xl migrate: $?"
grep -v progress migrate.log | sed 's/^/migrate: /'
after=$(stat -c %s /tmp/mig.out)
echo "received when the migration ended: $after bytes"
[ "$after" -lt 67108864 ] && echo "the transfer spanned the migration" ||
	echo "the transfer ended before the migration did"
i=0
while kill -0 $ncpid 2> /dev/null && [ $i -lt 1200 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill $ncpid 2> /dev/null
got=$(sha256sum < /tmp/mig.out | cut -d' ' -f1)
echo "received $(stat -c %s /tmp/mig.out) bytes, sha256 $got, disk $(cat mig.sha256)"
[ "$got" = "$(cat mig.sha256)" ] && echo "transfer: byte-identical" || rc=1
rm -f /tmp/mig.out
wait_stopped 60 || rc=1
exit $rc
