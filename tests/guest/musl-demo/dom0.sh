# dom0 side of musl-demo: one client with 1 MiB, then 4 at once with
# 256 KiB each, all echoed byte for byte; then the program exits by itself.
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
tcpecho -w 30 -t 60 -m 1 "$ip" 7 || rc=1
tcpecho -t 60 -c 4 -k 256 "$ip" 7 || rc=1
wait_stopped 30 || rc=1
exit $rc
