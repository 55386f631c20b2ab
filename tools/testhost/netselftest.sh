#!/usr/bin/env bash
# Self-test of the test host's network tooling, with a Linux PV domU as the
# server: static address + netserve, checked by every dom0 helper (ping,
# arping, tcpecho 10 MiB and 50 clients, httpget 1000 keep-alive and /1m,
# tcpbench both ways), and a DHCP lease from dom0's udhcpd.
#   tools/testhost/netselftest.sh [OUTDIR=build/netselftest]
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-$here/../../build/netselftest}
mkdir -p "$out" && out=$(cd "$out" && pwd)
rm -rf "$out/jobs" && mkdir -p "$out/jobs"
"$here/linux-domu-job.sh" --ip 169.254.3.10/16 --serve 16 --dom0 "$here/netselftest/static.sh" "$out/jobs/lnx-static" || exit 1
"$here/linux-domu-job.sh" --dhcp --dom0 "$here/netselftest/dhcp.sh" "$out/jobs/lnx-dhcp" || exit 1
cp "$here/netselftest/udhcpd.conf" "$out/jobs/lnx-dhcp/"
"$here/testhost.sh" run --timeout 240 "$out/results" "$out/jobs/lnx-static" "$out/jobs/lnx-dhcp" || exit 1
rc=0
for j in lnx-static lnx-dhcp; do
	r=$out/results/$j
	echo "== $j: state $(cat "$r/state"), dom0.sh exit $(cat "$r/dom0.rc" 2> /dev/null)"
	sed 's/^/   /' "$r/dom0.log" 2> /dev/null
	[ "$(cat "$r/state")" = poweroff ] && [ "$(cat "$r/dom0.rc" 2> /dev/null)" = 0 ] || rc=1
done
[ $rc = 0 ] && echo "netselftest: passed" || echo "netselftest: FAILED (see $out/results)"
exit $rc
