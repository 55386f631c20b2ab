# shellcheck shell=sh
# The network benchmark, run in dom0 against guests that serve netserve's
# ports (Skiff's tests/bench/netskiff, the Linux domU's netserve): ping
# round trip, TCP throughput dom0 -> guest (sink, 5001) and guest -> dom0
# (source, 5002), HTTP requests per second on one keep-alive connection
# (/, port 80). With a second guest (an xl config started here), the two
# are measured in turns, round by round, so that both see the same load
# on the (shared, emulated) machine, each while the other is paused. Each
# figure is the best of ROUNDS.
# Prints "BENCH NAME_... value unit" lines for tools/bench.sh, then shuts
# the guests down.
ROUNDS=5

# The best (largest, or with "min" the smallest) of the numbers on stdin.
best() { # [min]
	sort -n | if [ "${1:-}" = min ]; then head -n 1; else tail -n 1; fi
}

wait_ping() { # ip
	i=0
	until ping -c 1 -W 1 "$1" > /dev/null 2>&1; do
		i=$((i + 1))
		[ $i -lt 90 ] || { echo "$1 never answered ping"; return 1; }
	done
}

# One round against one guest: appends "figure value" lines to FILE.
net_round() { # name ip file
	r=$(ping -c 10 -i 0.2 "$2" | sed -n 's|.*min/avg/max = [0-9.]*/\([0-9.]*\)/.*|\1|p')
	echo "ping_rtt_ms ${r:-0}" >> "$3"
	echo "tcp_rx_mibs $(tcpbench -q send "$2" 5001 32 || echo 0)" >> "$3"
	echo "tcp_tx_mibs $(tcpbench -q recv "$2" 5002 || echo 0)" >> "$3"
	echo "http_rps $(httpget -q -n 1000 "$2" 80 / || echo 0)" >> "$3"
}

# Print the best of each figure in FILE as BENCH lines; fails on a 0.
net_report() { # name file
	rc=0
	for f in ping_rtt_ms:ms:min tcp_rx_mibs:MiB/s: tcp_tx_mibs:MiB/s: http_rps:req/s:; do
		k=${f%%:*} u=${f#*:} how=${u#*:} u=${u%%:*}
		v=$(sed -n "s/^$k //p" "$2" | grep -v '^0$' | best "$how")
		echo "BENCH ${1}_$k ${v:-0} $u"
		[ -n "$v" ] || rc=1
	done
	return $rc
}

net_compare() { # name ip [name2 ip2 xl-config2]
	rc=0
	rm -f /tmp/bench.1 /tmp/bench.2
	if [ -n "${5:-}" ]; then
		xl create "$5" > /tmp/bench.xl 2>&1 || { cat /tmp/bench.xl; rc=1; }
		dom2=$(sed -n 's/^name = "\(.*\)"/\1/p' "$5")
	fi
	wait_ping "$2" || rc=1
	[ -z "${5:-}" ] || wait_ping "$4" || rc=1
	httpget -w 30 -n 20 "$2" 80 / > /dev/null || rc=1 # warm up
	[ -z "${5:-}" ] || httpget -w 30 -n 20 "$4" 80 / > /dev/null || rc=1
	n=0
	while [ $n -lt $ROUNDS ] && [ $rc = 0 ]; do
		# Each guest is measured with the other paused: an idle guest
		# still takes the emulated CPUs' time (a Linux kernel's timers),
		# which the one measured would otherwise lose.
		[ -z "${5:-}" ] || xl pause "$dom2"
		net_round "$1" "$2" /tmp/bench.1
		if [ -n "${5:-}" ]; then
			xl unpause "$dom2"
			xl pause "$DOMNAME"
			net_round "$3" "$4" /tmp/bench.2
			xl unpause "$DOMNAME"
		fi
		n=$((n + 1))
	done
	net_report "$1" /tmp/bench.1 || rc=1
	if [ -n "${5:-}" ]; then
		net_report "$3" /tmp/bench.2 || rc=1
		xl shutdown -w "$dom2" > /dev/null 2>&1
	fi
	xl shutdown "$DOMNAME"
	return $rc
}
