# xl reboot: the domain goes away and comes back under a new id, ready
# again; then xl shutdown ends it.
. ./xs-dom0.sh
wait_key "$P/data/ready" > /dev/null || exit 1
xl reboot "$DOMNAME" || exit 1
echo "xl reboot: 0"
i=0 new=
while [ $i -lt 300 ]; do
	new=$(xl domid "$DOMNAME" 2> /dev/null)
	[ -n "$new" ] && [ "$new" != "$DOMID" ] && break
	sleep 0.1
	i=$((i + 1))
done
[ -n "$new" ] && [ "$new" != "$DOMID" ] || { echo "no new domain after xl reboot"; exit 1; }
DOMID=$new
. ./xs-dom0.sh
wait_key "$P/data/ready" > /dev/null || { echo "the new domain never got ready"; exit 1; }
echo "restarted as domain $new"
xl shutdown "$DOMNAME"
echo "xl shutdown: $?"
