# dom0 side of gohttpd: 1000 keep-alive requests on one connection, 50
# concurrent clients, then 100, the ramdisk's files byte for byte
# (big.bin against a copy made here by the same gen.sh), a 404, a
# generated body, then /exit,
# after which the server returns from main and the domain powers off.
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
httpget -w 30 -n 10 "$ip" 80 / > /dev/null || rc=1
httpget -n 1000 "$ip" 80 / || rc=1
httpget -c 50 -n 20 "$ip" 80 / || rc=1
# 100 connections open at once: over a hundred fds in the guest.
httpget -c 100 -n 5 "$ip" 80 / || rc=1
mkdir -p /tmp/gohttpd.ref && sh ./gen.sh /tmp/gohttpd.ref || rc=1
httpget -n 3 -l 1048576 -o /tmp/gohttpd.big "$ip" 80 /file/big.bin || rc=1
a=$(sha256sum < /tmp/gohttpd.ref/big.bin) b=$(sha256sum < /tmp/gohttpd.big)
echo "big.bin sha256 ${b%% *} expected ${a%% *}"
[ "$a" = "$b" ] && echo "big.bin: identical" || rc=1
httpget -o /tmp/gohttpd.hello "$ip" 80 /file/hello.txt || rc=1
grep -qx "Hello from a file on Skiff's ramdisk, served by Go's net/http." /tmp/gohttpd.hello &&
	echo "hello.txt: identical" || rc=1
httpget -s 404 "$ip" 80 /file/nothing || rc=1
httpget -n 2 -l 100000 "$ip" 80 '/gen?n=100000' || rc=1
httpget -o - "$ip" 80 /stats
wget -q -O - "http://$ip/exit" | grep -qx bye && echo "exit: bye" || rc=1
wait_stopped 30 || rc=1
exit $rc
