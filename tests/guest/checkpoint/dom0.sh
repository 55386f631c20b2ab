# dom0's side of checkpoint: once the guest has written 10 blocks, take a
# checkpoint (xl save -c: the guest goes on), wait until the running
# guest has written 20 more, destroy it, restore the checkpoint and ask
# the restored guest (data/verify) to check what it had written.
. ./dom0lib.sh
log=/var/log/xen/console/guest-$DOMNAME.log
wait_console '^wrote 9 ' 120 || exit 1
xl save -c "$DOMNAME" /tmp/ckpt.save > save.log 2>&1
echo "xl save -c: $?"
sed 's/^/save: /' save.log
n=$(tr -d '\r' < "$log" | grep -c '^wrote ')
echo "blocks written at the checkpoint: about $n"
wait_console "^wrote $((n + 20)) " 120 || exit 1
echo "the running guest went on past block $((n + 20))"
xl destroy "$DOMNAME" || exit 1
i=0
while xl list "$DOMNAME" > /dev/null 2>&1 && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 1
xl restore /tmp/ckpt.save > restore.log 2>&1
echo "xl restore: $?"
sed 's/^/restore: /' restore.log
rm -f /tmp/ckpt.save
id=$(xl domid "$DOMNAME") || exit 1
echo "restored as domain $id"
xenstore-write "/local/domain/$id/data/verify" 1
wait_stopped 120
