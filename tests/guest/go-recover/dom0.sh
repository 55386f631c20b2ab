# dom0 side of go-recover: /nil (the handler's panic closes the
# connection), then 100 requests for /, which all succeed, then /exit.
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
httpget -w 30 -n 1 "$ip" 80 / > /dev/null || rc=1
# (busybox's wget crashes on a connection closed without an answer.)
out=$(printf 'GET /nil HTTP/1.0\r\nHost: guest\r\n\r\n' | nc -w 10 "$ip" 80 | head -c 200)
if [ -n "$out" ]; then
	echo "nil: answered '$out'"
else
	echo "nil: no answer (the connection was closed)"
fi
httpget -n 100 "$ip" 80 / || rc=1
xl list "$DOMNAME" > /dev/null 2>&1 && echo "domain: still running" || rc=1
wget -q -O - "http://$ip/exit" | grep -qx bye && echo "exit: bye" || rc=1
wait_stopped 30 || rc=1
exit $rc
