# shellcheck shell=sh
# The Go preemption benchmark, in dom0: the same gopreempt ELF on Skiff
# and in Debian Linux PV domUs, each with Go's asynchronous preemption on
# (the default) and off (GODEBUG=asyncpreemptoff=1: Skiff's env= boot
# option; on Linux a NAME=VALUE word on the kernel command line, which
# the kernel hands to /init's environment). Four guests at 256 MiB, one
# vCPU each: this job's (Skiff, on), gpskiffoff, gplinux, gplinuxoff.
# Each prints its GODEBUG at start; dom0 checks it. Figures:
#   gopreempt_rps / gopreempt_off_rps  requests per second, 1000 on one
#                        keep-alive connection, preemption on / off,
#                        measured in turns with the other guests paused,
#                        best of ROUNDS; gopreempt_p99_ms the p99 latency
#                        of those requests (preemption on, best round);
#   gospin_p50_ms / gospin_p99_ms / gospin_rps  the same 1000 requests
#                        while a goroutine of the server spins without a
#                        preemption point (/spin), preemption on, best of
#                        ROUNDS.
# With preemption off the spinner should starve the server (GOMAXPROCS
# is 1): one request with a 5 s timeout shows it (a line, not a figure).
# Prints "BENCH NAME value unit" lines for tools/bench.sh, then stops the
# job's guest with /exit.
. ./dom0lib.sh
ROUNDS=3
SKIFF_IP=169.254.32.2
SKIFF_OFF_IP=169.254.32.3
LINUX_IP=169.254.32.10
LINUX_OFF_IP=169.254.32.11
OFF=GODEBUG=asyncpreemptoff=1
CON=/var/log/xen/console
rc=0
GUESTS="$DOMNAME gpskiffoff gplinux gplinuxoff"

# An xl config for a copy: CFG with its name and vif replaced, then sed
# expression EXPR applied (the address, the environment).
mkcfg() { # cfg name mac expr
	sed -e '/^name *=/d' -e '/^vif *=/d' -e "$4" "$1" > "/tmp/$2.cfg"
	printf 'name = "%s"\nvif = [ "bridge=xenbr0,mac=%s" ]\n' "$2" "$3" >> "/tmp/$2.cfg"
}

create() { # name
	xl create "/tmp/$1.cfg" > "/tmp/$1.xl" 2>&1 && return 0
	echo "xl create $1 failed:"
	cat "/tmp/$1.xl"
	return 1
}

# Whether NAME at IP serves within WAIT seconds and says GODEBUG 'WANT'.
up() { # name ip wait want
	if ! httpget -w "$3" -a 0.5 -n 20 "$2" 80 / > /dev/null; then
		echo "$1 does not serve; its console ends:"
		tr -d '\r' < "$CON/guest-$1.log" | tail -n 20
		return 1
	fi
	line=$(tr -d '\r' < "$CON/guest-$1.log" | grep '^gopreempt: GOMAXPROCS')
	echo "$1: $line"
	case $line in
	*"GODEBUG '$4'"*) return 0 ;;
	esac
	echo "$1: expected GODEBUG '$4'"
	return 1
}

# Pause every guest but NAME (or resume them all).
only() { # name|all
	for g in $GUESTS; do
		[ "$g" = "$1" ] && continue
		if [ "$1" = all ]; then
			xl unpause "$g" 2> /dev/null
		else
			xl pause "$g" 2> /dev/null
		fi
	done
}

# One run of 1000 requests at IP: appends "rps p50 p99" to FILE.
run() { # ip file
	out=$(httpget -q -p -n 1000 "$1" 80 /) || { echo "httpget $1 failed"; return 1; }
	rps=$(echo "$out" | sed -n 1p)
	p50=$(echo "$out" | sed -n 's/.* p50 \([0-9.]*\) ms.*/\1/p')
	p99=$(echo "$out" | sed -n 's/.* p99 \([0-9.]*\) ms.*/\1/p')
	echo "$1: $rps requests/s, p50 $p50 ms, p99 $p99 ms"
	echo "$rps $p50 $p99" >> "$2"
}

# The best of column COL of FILE (max for rps, else min) as a BENCH line.
best() { # file col name unit
	if [ "$2" = 1 ]; then
		v=$(cut -d' ' -f1 "$1" | sort -n | tail -n 1)
	else
		v=$(cut -d' ' -f"$2" "$1" | sort -n | head -n 1)
	fi
	echo "BENCH $3 ${v:-0} $4"
	[ -n "$v" ] || rc=1
}

# Start NAME's spinner; then whether one request is answered in 5 s.
starved() { # name ip
	only "$1"
	wget -q -O - "http://$2/spin" | grep -qx spinning || { echo "$1: /spin failed" && rc=1; }
	sleep 1
	if httpget -t 5 "$2" 80 / > /dev/null 2>&1; then
		echo "$1 ($OFF) with a spinning goroutine: answered within 5 s"
	else
		echo "$1 ($OFF) with a spinning goroutine: no answer within 5 s (starved)"
	fi
	xl destroy "$1"
	GUESTS=$(echo "$GUESTS" | sed "s/ $1//")
	only all
}

# NAME's spinner, then ROUNDS runs with it spinning; figures PFX_gospin_*.
spinning() { # name ip pfx
	only "$1"
	wget -q -O - "http://$2/spin" | grep -qx spinning || { echo "$1: /spin failed" && rc=1; }
	sleep 1
	rm -f "/tmp/gp.spin.$3"
	n=0
	while [ $n -lt $ROUNDS ]; do
		run "$2" "/tmp/gp.spin.$3" || rc=1
		n=$((n + 1))
	done
	best "/tmp/gp.spin.$3" 1 "${3}_gospin_rps" req/s
	best "/tmp/gp.spin.$3" 2 "${3}_gospin_p50_ms" ms
	best "/tmp/gp.spin.$3" 3 "${3}_gospin_p99_ms" ms
}

mkcfg guest.cfg gpskiffoff 00:16:3e:5c:20:03 "s|ip=$SKIFF_IP/|env=$OFF ip=$SKIFF_OFF_IP/|"
mkcfg linux.cfg gplinux 00:16:3e:5c:20:0a "s/^//"
mkcfg linux.cfg gplinuxoff 00:16:3e:5c:20:0b \
	"s|skiff.ip=$LINUX_IP/\([0-9]*\)|skiff.ip=$LINUX_OFF_IP/\1 $OFF|"
for g in gpskiffoff gplinux gplinuxoff; do
	create $g || exit 1
done
up "$DOMNAME" $SKIFF_IP 60 '' || rc=1
up gpskiffoff $SKIFF_OFF_IP 60 asyncpreemptoff=1 || rc=1
up gplinux $LINUX_IP 180 '' || rc=1
up gplinuxoff $LINUX_OFF_IP 180 asyncpreemptoff=1 || rc=1
[ $rc = 0 ] || { xl destroy gpskiffoff; xl destroy gplinux; xl destroy gplinuxoff; exit 1; }

rm -f /tmp/gp.*.rps
n=0
while [ $n -lt $ROUNDS ]; do
	for g in "$DOMNAME:$SKIFF_IP:skiff" gpskiffoff:$SKIFF_OFF_IP:skiff_off \
		gplinux:$LINUX_IP:linux gplinuxoff:$LINUX_OFF_IP:linux_off; do
		name=${g%%:*} rest=${g#*:}
		only "$name"
		run "${rest%%:*}" "/tmp/gp.${rest#*:}.rps" || rc=1
		only all
	done
	n=$((n + 1))
done
for s in skiff linux; do
	best /tmp/gp.$s.rps 1 ${s}_gopreempt_rps req/s
	best /tmp/gp.${s}_off.rps 1 ${s}_gopreempt_off_rps req/s
	best /tmp/gp.$s.rps 3 ${s}_gopreempt_p99_ms ms
done

starved gpskiffoff $SKIFF_OFF_IP
starved gplinuxoff $LINUX_OFF_IP
spinning gplinux $LINUX_IP linux
xl destroy gplinux
only all
GUESTS=$DOMNAME
spinning "$DOMNAME" $SKIFF_IP skiff
wget -q -O - "http://$SKIFF_IP/exit" | grep -qx bye || rc=1
wait_stopped 30 || rc=1
exit $rc
