# dom0 side of go-sigterm: a slow request is in flight when xl shutdown
# comes; it must still be answered, then the domain ends with exit code 3.
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
httpget -w 30 -n 1 "$ip" 80 / > /dev/null || rc=1
printf 'GET /slow HTTP/1.0\r\nHost: guest\r\n\r\n' | nc -w 20 "$ip" 80 > /tmp/go-sigterm.slow &
slow=$!
wait_console 'go-sigterm: slow request started' 10 || rc=1
xl shutdown "$DOMNAME" && echo "xl shutdown: sent"
wait $slow
tr -d '\r' < /tmp/go-sigterm.slow | grep -qx 'slow done' && echo "slow: answered" || rc=1
wait_stopped 30 || rc=1
exit $rc
