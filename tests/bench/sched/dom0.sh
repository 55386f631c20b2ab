# The reference: dom0 Linux's own thread switch, a pthread ping-pong over
# a condition variable (tools/testhost/helpers/pingpong.c), measured while
# the guest waits; then let the guest run its part.
i=0
until xenstore-read "/local/domain/$DOMID/data/ready" > /dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 300 ] || { echo "guest never became ready"; exit 1; }
	sleep 0.1
done
pingpong 100000 || exit 1
xenstore-write "/local/domain/$DOMID/data/go" 1
