#!/usr/bin/env bash
# Self-test of the Xen test host, needing no Skiff image: boots the Debian
# Linux PV domU job (linux-domu-job.sh) through `testhost.sh run` and checks
# that its console says "linux-domU up" and that it powered off.
#   selftest.sh [OUTDIR]    (default: a temporary folder, removed on success)
set -uo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=${1:-}
keep=1
[ -n "$out" ] || { out=$(mktemp -d /tmp/skiff-selftest.XXXXXX); keep=; }

fail() {
	echo "[testhost] selftest FAILED: $*" >&2
	echo "[testhost] results kept in $out" >&2
	exit 1
}

"$dir/linux-domu-job.sh" "$out/jobs/linux-domu" || fail "cannot write the Linux domU job"
"$dir/testhost.sh" run "$out/results" "$out/jobs/linux-domu" || fail "testhost.sh run failed"
res=$out/results/linux-domu
grep -q 'linux-domU up' "$res/console.log" || fail "no 'linux-domU up' in $res/console.log"
state=$(cat "$res/state")
[ "$state" = poweroff ] || fail "state is '$state', expected poweroff"
echo "[testhost] selftest passed: $(tr '\n' ' ' < "$res/times")(ms after xl create)"
[ -n "$keep" ] || rm -rf "$out"
