# dom0.sh of the network self-test's static job: every dom0 network tool
# against the Linux domU at 169.254.3.10 (netserve), then `xl shutdown`.
ip=169.254.3.10
fail=0
run() { # what command...
	w=$1
	shift
	if "$@"; then echo "ok: $w"; else echo "FAILED: $w"; fail=1; fi
}
run "ping waits for the domU" sh -c "i=0; until ping -c 1 -W 1 $ip > /dev/null; do i=\$((i + 1)); [ \$i -lt 60 ] || exit 1; done"
run "ping" ping -c 3 $ip
run "arping" arping -c 2 -I xenbr0 $ip
run "echo 10 MiB pattern" tcpecho -m 10 -w 30 $ip 7
dd if=/dev/urandom of=/tmp/in bs=1M count=10 2> /dev/null
run "echo 10 MiB file" tcpecho -f /tmp/in -o /tmp/out $ip 7
a=$(sha256sum < /tmp/in) b=$(sha256sum < /tmp/out)
echo "sha256 sent ${a%% *} echoed ${b%% *}"
run "sha256 of the echo" [ "$a" = "$b" ]
run "echo 50 clients" tcpecho -c 50 -m 1 $ip 7
run "http 1000 keep-alive" httpget -n 1000 $ip 80 /
run "http /1m" httpget -n 3 -l 1048576 -o /tmp/1m $ip 80 /1m
a=$(awk 'BEGIN { for (i = 0; i < 16384; i++) printf "%07d abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012\n", i }' | sha256sum)
b=$(sha256sum < /tmp/1m)
run "sha256 of /1m" [ "$a" = "$b" ]
run "http 404" httpget -s 404 $ip 80 /nothing
run "a wrong status is an error" sh -c "! httpget $ip 80 /nothing"
run "tcpbench send" tcpbench send $ip 5001 16
run "tcpbench recv" tcpbench recv $ip 5002 16
run "a refused connect is an error" sh -c "! tcpecho -w 1 $ip 6"
xl shutdown "$DOMNAME"
exit $fail
