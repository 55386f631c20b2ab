# The guest's control features, a sysrq and a suspend request it must
# acknowledge (clear), then `xl shutdown`.
. ./xs-dom0.sh
wait_key "$P/data/ready" > /dev/null || exit 1
for f in poweroff reboot sysrq suspend; do
	echo "feature-$f=$(xenstore-read "$P/control/feature-$f" 2> /dev/null)"
done
xl sysrq "$DOMNAME" h || exit 1
wait_empty "$P/control/sysrq" && echo "sysrq acknowledged"
xenstore-write "$P/control/shutdown" suspend || exit 1
wait_empty "$P/control/shutdown" && echo "suspend acknowledged"
xl shutdown "$DOMNAME"
echo "xl shutdown: $?"
