# dom0's side of sockapi (busybox nc): connect to the guest's server, be
# a server the guest connects to, and a peer that vanishes (its kernel
# then resets the guest's connection).
. ./dom0lib.sh
G=169.254.1.7
rc=0
# Wait (at most $2 s) for process $1 to end; kill it if it does not.
reap() {
	n=$(($2 * 10))
	while kill -0 "$1" 2> /dev/null && [ $n -gt 0 ]; do
		sleep 0.1
		n=$((n - 1))
	done
	kill "$1" 2> /dev/null && echo "nc $1 did not finish"
	wait "$1" 2> /dev/null
}
wait_key data/sockapi-listening 60 > /dev/null || exit 1
reply=$(echo "hello from dom0" | nc -w 10 $G 7000)
echo "reply: $reply"
[ "$reply" = "HELLO FROM DOM0" ] || { echo "wrong reply"; rc=1; }

printf 'from dom0\n' > /tmp/sockapi-msg
nc -l -p 7100 < /tmp/sockapi-msg > /tmp/sockapi-got &
pid=$!
sleep 0.5
xenstore-write "$(guest_path)/data/dom0-listening" 1
reap $pid 30
echo "got: $(cat /tmp/sockapi-got)"
[ "$(cat /tmp/sockapi-got)" = "from guest" ] || rc=1

nc -l -p 7101 < /dev/null > /dev/null &
pid=$!
sleep 0.5
xenstore-write "$(guest_path)/data/dom0-listening-rst" 1
wait_key data/sockapi-rst-connected 30 > /dev/null || rc=1
kill $pid
wait $pid 2> /dev/null
xenstore-write "$(guest_path)/data/dom0-killed" 1
wait_key data/sockapi-done 60 > /dev/null || rc=1
[ $rc = 0 ] && echo "dom0 ok"
exit $rc
