# The guest's control features, a sysrq request it must acknowledge
# (clear), then `xl shutdown`. (A suspend request is the checkpoint and
# saverestore tests': written by hand, without xl save, it would leave
# the domain suspended for good, as it would a Linux guest.)
. ./xs-dom0.sh
wait_key "$P/data/ready" > /dev/null || exit 1
for f in poweroff reboot sysrq suspend; do
	echo "feature-$f=$(xenstore-read "$P/control/feature-$f" 2> /dev/null)"
done
xl sysrq "$DOMNAME" h || exit 1
wait_empty "$P/control/sysrq" && echo "sysrq acknowledged"
xl shutdown "$DOMNAME"
echo "xl shutdown: $?"
