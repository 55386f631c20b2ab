# shellcheck shell=sh
# The Go benchmark, in dom0: the same go-httpd ELF on Skiff (this job's
# guest, and copies of its config) and on a Debian Linux PV domU
# (linux.cfg, from job.sh). Three figures for each, from the outside:
#   go_http_rps      requests per second, 1000 on one keep-alive connection
#                    (and _c8: 8 connections of 200), both at 256 MiB,
#                    measured in turns with the other guest paused, best
#                    of ROUNDS;
#   go_start_ms      from `xl create` to the first good HTTP response
#                    (polled every 0.2 s), a fresh domain each time, best
#                    of STARTS;
#   go_min_memory_mib  the smallest memory= (of the sizes tried, largest
#                    first) at which the guest boots and answers 100
#                    keep-alive requests and 8 x 50 concurrent ones.
# Prints "BENCH NAME value unit" lines for tools/bench.sh, then stops the
# job's guest with /exit.
. ./dom0lib.sh
ROUNDS=5
STARTS=3
SKIFF_IP=169.254.30.2
PROBE_IP=169.254.30.3 # the Skiff copies
LINUX_IP=169.254.30.10
# Fixed MACs: each fresh domain on a reused address would otherwise meet
# dom0's ARP entry for the previous one.
PROBE_MAC=00:16:3e:5c:1e:03
LINUX_MAC=00:16:3e:5c:1e:0a
rc=0

. ./go-dom0lib.sh

# One round of the throughput figures against IP; appends to FILE.
rps_round() { # ip file
	echo "http_rps $(httpget -q -n 1000 "$1" 80 / || echo 0)" >> "$2"
	echo "http_rps_c8 $(httpget -q -c 8 -n 200 "$1" 80 / || echo 0)" >> "$2"
}

report() { # name file
	for f in http_rps http_rps_c8; do
		v=$(sed -n "s/^$f //p" "$2" | grep -v '^0$' | best)
		echo "BENCH ${1}_go_$f ${v:-0} req/s"
		[ -n "$v" ] || rc=1
	done
}

# Throughput: the job's Skiff guest against golinux, both at 256 MiB.
throughput() {
	mkcfg linux.cfg golinux 256 $LINUX_MAC
	create golinux || { rc=1 && return; }
	httpget -w 60 -n 20 $SKIFF_IP 80 / > /dev/null || rc=1
	if ! httpget -w 120 -a 0.5 -n 20 $LINUX_IP 80 / > /dev/null; then
		echo "golinux does not serve; its console ends:"
		tail -n 20 /var/log/xen/console/guest-golinux.log
		rc=1
	fi
	rm -f /tmp/go.skiff /tmp/go.linux
	n=0
	while [ $n -lt $ROUNDS ] && [ $rc = 0 ]; do
		xl pause golinux
		rps_round $SKIFF_IP /tmp/go.skiff
		xl unpause golinux
		xl pause "$DOMNAME"
		rps_round $LINUX_IP /tmp/go.linux
		xl unpause "$DOMNAME"
		n=$((n + 1))
	done
	report skiff /tmp/go.skiff
	report linux /tmp/go.linux
	gone golinux
}

# Milliseconds from xl create to the first good response of a fresh NAME
# (mkcfg) at IP, which is destroyed after; nothing on failure.
start_ms() { # name ip
	t=$(ms)
	create "$1" || return 1
	if httpget -w 120 -a 0.2 -t 10 "$2" 80 / > /dev/null; then
		echo $(($(ms) - t))
	else
		echo "$1: no response" >&2
	fi
	gone "$1"
}

startup() {
	mkcfg guest.cfg gostart 256 $PROBE_MAC
	mkcfg linux.cfg golinuxstart 256 $LINUX_MAC
	rm -f /tmp/go.start.skiff /tmp/go.start.linux
	n=0
	while [ $n -lt $STARTS ]; do
		start_ms gostart $PROBE_IP >> /tmp/go.start.skiff
		start_ms golinuxstart $LINUX_IP >> /tmp/go.start.linux
		n=$((n + 1))
	done
	for g in skiff linux; do
		echo "$g start times (ms): $(tr '\n' ' ' < /tmp/go.start.$g)"
		v=$(best min < /tmp/go.start.$g)
		echo "BENCH ${g}_go_start_ms ${v:-0} ms"
		[ -n "$v" ] || rc=1
	done
}

# Whether a fresh NAME from CFG at MEMORY boots and serves at IP.
fits() { # cfg name memory mac ip wait
	mkcfg "$1" "$2" "$3" "$4"
	create "$2" || return 1
	ok=1
	httpget -w "$6" -a 0.5 -t 20 -n 100 "$5" 80 / > /dev/null &&
		httpget -t 20 -c 8 -n 50 "$5" 80 / > /dev/null && ok=0
	gone "$2"
	return $ok
}

# The smallest of SIZES (largest first) that fits; stops at the first
# that does not.
smallest() { # name cfg mac ip wait sizes...
	name=$1 cfg=$2 mac=$3 ip=$4 wait=$5 least=''
	shift 5
	for m in "$@"; do
		if fits "$cfg" "$name$m" "$m" "$mac" "$ip" "$wait"; then
			echo "$name: $m MiB works"
			least=$m
		else
			echo "$name: $m MiB does not"
			break
		fi
	done
	echo "BENCH ${name}_go_min_memory_mib ${least:-0} MiB"
	[ -n "$least" ] || rc=1
}

throughput
xl pause "$DOMNAME"
startup
smallest skiff guest.cfg $PROBE_MAC $PROBE_IP 30 64 48 32 24 20 16 12
smallest linux linux.cfg $LINUX_MAC $LINUX_IP 120 256 192 160 128 112 96
xl unpause "$DOMNAME"
wget -q -O - "http://$SKIFF_IP/exit" | grep -qx bye || rc=1
wait_stopped 30 || rc=1
exit $rc
