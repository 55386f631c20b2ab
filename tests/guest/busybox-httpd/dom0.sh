# dom0 side of busybox-httpd: busybox's httpd forks a child for every
# connection, which serves it and exits. 20 requests one after another,
# 5 at once, a 300 KiB file byte for byte, a 404; then xl shutdown:
# SIGTERM, which busybox's httpd does not handle (exit code 143).
. ./dom0lib.sh
ip=$(wait_key data/ip 30) || exit 1
ip=${ip%/*}
rc=0
get() { # path: the response, headers and body
	printf 'GET %s HTTP/1.0\r\nHost: guest\r\n\r\n' "$1" | nc -w 20 "$ip" 80
}
body() { # drop the headers
	tr -d '\r' | sed '1,/^$/d'
}
page='busybox httpd on Skiff: a process for every connection'
i=0
until get /index.html 2> /dev/null | grep -q "$page"; do
	i=$((i + 1))
	[ $i -lt 30 ] || { echo "the server never answered"; exit 1; }
	sleep 1
done
n=0
for i in $(seq 1 20); do
	get /index.html | grep -q "$page" && n=$((n + 1))
done
echo "sequential: $n of 20 answered"
[ $n -eq 20 ] || rc=1
for i in 1 2 3 4 5; do
	get /index.html > /tmp/bbhttpd.c$i &
done
wait
n=0
for i in 1 2 3 4 5; do
	grep -q "$page" /tmp/bbhttpd.c$i && n=$((n + 1))
done
echo "concurrent: $n of 5 answered"
[ $n -eq 5 ] || rc=1
mkdir -p /tmp/bbhttpd.ref && sh ./gen.sh /tmp/bbhttpd.ref || rc=1
get /big.bin | body > /tmp/bbhttpd.big
a=$(sha256sum < /tmp/bbhttpd.ref/big.bin) b=$(sha256sum < /tmp/bbhttpd.big)
echo "big.bin sha256 ${b%% *} expected ${a%% *}"
[ "$a" = "$b" ] && echo "big.bin: identical" || rc=1
get /nothing | head -n 1 | tr -d '\r' | grep -q ' 404 ' && echo "404: yes" || rc=1
xl shutdown "$DOMNAME" && echo "xl shutdown: sent"
wait_stopped 30 || rc=1
exit $rc
