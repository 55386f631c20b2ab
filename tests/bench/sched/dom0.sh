# The reference: dom0 Linux's own thread switch, a pthread ping-pong over
# a condition variable (tools/testhost/helpers/pingpong.c), measured while
# the guest waits; then let the guest run its part.
. ./dom0lib.sh
wait_key data/ready > /dev/null || exit 1
pingpong 100000 || exit 1
xenstore-write "/local/domain/$DOMID/data/go" 1
