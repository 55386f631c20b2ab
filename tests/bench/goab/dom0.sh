# shellcheck shell=sh
# goab, in dom0: go-httpd from this checkout (the job's guest, "skiff")
# against the same app from BENCH_REV ("rev", rev.cfg from job.sh), both
# at 256 MiB, ROUNDS rounds (rev.env) in turns, each while the other is
# paused, so that the machine's changing speed (this emulated host's
# figures drift by 20 to 40 % within minutes) weighs on both alike. A round: 1000
# requests on one keep-alive connection, then 8 connections of 200.
# Prints every round, then "BENCH skiff_goab_..." and "BENCH rev_goab_..."
# lines: the best round and the mean, and the median of the rounds'
# own ratios (skiff / rev), which cancels most of the drift.
. ./dom0lib.sh
. ./rev.env
SKIFF_IP=169.254.32.2
PROBE_IP=169.254.32.3 # the revision's guest
REV_MAC=00:16:3e:5c:20:03
. ./go-dom0lib.sh
rc=0
echo "goab: this checkout against $REV, $ROUNDS rounds"
mkcfg rev.cfg goabrev 256 $REV_MAC
create goabrev || exit 1
httpget -w 60 -n 20 $SKIFF_IP 80 / > /dev/null || rc=1
httpget -w 120 -a 0.5 -n 20 $PROBE_IP 80 / > /dev/null || rc=1
: > /tmp/goab
n=0
while [ $n -lt $ROUNDS ] && [ $rc = 0 ]; do
	for side in skiff rev; do
		if [ $side = skiff ]; then ip=$SKIFF_IP other=goabrev; else ip=$PROBE_IP other=$DOMNAME; fi
		xl pause "$other"
		c1=$(httpget -q -n 1000 $ip 80 / || echo 0)
		c8=$(httpget -q -c 8 -n 200 $ip 80 / || echo 0)
		xl unpause "$other"
		echo "round $n $side http_rps $c1 http_rps_c8 $c8" | tee -a /tmp/goab
	done
	n=$((n + 1))
done
for f in http_rps http_rps_c8; do
	for side in skiff rev; do
		awk -v s=$side -v f=$f -v n="${side}_goab_$f" '$3 == s { for (i = 4; i < NF; i++) if ($i == f) { v = $(i + 1); t += v; k++; if (v > b) b = v } }
			END { if (k) { printf "BENCH %s %.1f req/s\nBENCH %s_mean %.1f req/s\n", n, b, n, t / k } }' /tmp/goab
	done
	# The median of the rounds' own ratios: one round that stalled
	# (this host has them, either side) does not move it.
	awk -v f=$f '{ for (i = 4; i < NF; i++) if ($i == f) v[$2, $3] = $(i + 1) }
		END { for (r = 0; (r, "skiff") in v; r++) if (v[r, "rev"] > 0) print v[r, "skiff"] / v[r, "rev"] }' /tmp/goab |
		sort -n | awk -v f=$f '{ a[NR] = $1 }
			END { if (NR) printf "BENCH goab_%s_paired_ratio %.3f x\n", f, NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'
done
awk '$5 == 0 || $7 == 0 { bad = 1 } END { exit !bad }' /tmp/goab && { echo "goab: a round got no answer"; rc=1; }
gone goabrev
wget -q -O - "http://$SKIFF_IP/exit" > /dev/null || rc=1
wait_stopped 60 || rc=1
exit $rc
