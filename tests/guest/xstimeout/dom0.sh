# Stop xenstored for 8 s while the guest makes a request. Continuing it is
# scheduled before it is stopped, so the test host never stays without it.
. ./xs-dom0.sh
wait_key "$P/data/ready" > /dev/null || exit 1
xenstore-write "$P/data/stopping" 1 || exit 1
pid=$(cat /run/xenstored.pid) || exit 1
(sleep 8.5; kill -CONT "$pid") &
sleep 0.5
kill -STOP "$pid" && echo "xenstored stopped"
wait
echo "xenstored continued"
