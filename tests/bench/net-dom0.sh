# shellcheck shell=sh
# The network benchmark, run in dom0 against a guest that serves
# netserve's ports (Skiff's tests/bench/netskiff, or the Linux domU's
# netserve): ping round trip, TCP throughput dom0 -> guest (sink, 5001)
# and guest -> dom0 (source, 5002), HTTP requests per second on one
# keep-alive connection (/, port 80). Prints "BENCH NAME_... value unit"
# lines for tools/bench.sh, then shuts the guest down.
# Each figure is the best of a few rounds (TCG makes single runs noisy).

# The best (largest, or with "min" the smallest) of the numbers on stdin.
best() { # [min]
	sort -n | if [ "${1:-}" = min ]; then head -n 1; else tail -n 1; fi
}

net_bench() { # name ip
	n=$1 ip=$2 rc=0
	i=0
	until ping -c 1 -W 1 "$ip" > /dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 90 ] || { echo "$ip never answered ping"; xl shutdown "$DOMNAME"; return 1; }
	done
	httpget -w 30 -n 20 "$ip" 80 / > /dev/null || rc=1 # warm up
	rtt=$(ping -c 20 -i 0.2 "$ip" | sed -n 's|.*min/avg/max = [0-9.]*/\([0-9.]*\)/.*|\1|p')
	[ -n "$rtt" ] && echo "BENCH ${n}_ping_rtt_ms $rtt ms" || rc=1
	rx=$(for r in 1 2 3; do tcpbench -q send "$ip" 5001 32 || echo 0; done | best)
	echo "BENCH ${n}_tcp_rx_mibs $rx MiB/s"
	tx=$(for r in 1 2 3; do tcpbench -q recv "$ip" 5002 || echo 0; done | best)
	echo "BENCH ${n}_tcp_tx_mibs $tx MiB/s"
	rps=$(for r in 1 2 3; do httpget -q -n 1000 "$ip" 80 / || echo 0; done | best)
	echo "BENCH ${n}_http_rps $rps req/s"
	for f in "$rx" "$tx" "$rps"; do
		[ "$f" != 0 ] || rc=1
	done
	xl shutdown "$DOMNAME"
	return $rc
}
