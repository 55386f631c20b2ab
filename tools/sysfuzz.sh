#!/usr/bin/env bash
# The system-call fuzzer in a guest with more seeds (`make fuzz-sys`,
# docs/testing.md): one test-host job per seed, all in one boot, each
# compared with the same program and seed run here under Linux
# (tests/guest/sysfuzz/compare.sh and its allow-list).
#   tools/sysfuzz.sh OUTDIR "SEED..." CALLS [race-blocking]
# Needs build/sysfuzz/ (make APP=tests/guest/sysfuzz). Prints one verdict
# line per seed; exits non-zero if any seed crashed, hung, stopped early
# or differed from Linux beyond the allow-list.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
build=${SKIFF_BUILD:-$top/build}
test=$top/tests/guest/sysfuzz
[ $# -ge 3 ] || { echo "usage: tools/sysfuzz.sh OUTDIR \"SEED...\" CALLS [race-blocking]" >&2; exit 2; }
out=$1 seeds=$2 calls=$3 race=${4:-}
printf '%s\n' "$calls" | grep -qE '^[0-9]{1,7}$' || { echo "sysfuzz: CALLS '$calls' is not a number" >&2; exit 2; }
for s in $seeds; do
	printf '%s\n' "$s" | grep -qE '^[0-9]{1,19}$' || { echo "sysfuzz: seed '$s' is not a number" >&2; exit 2; }
done
img=$build/sysfuzz/sysfuzz
[ -f "$img.gz" ] && [ -f "$img.linux" ] || { echo "sysfuzz: $img.gz not built (make APP=tests/guest/sysfuzz)" >&2; exit 2; }

# One job per seed: the image, its config with this seed's command line,
# a timeout that grows with the calls (about 40 calls/s under emulation).
rm -rf "$out" && mkdir -p "$out/.jobs" || exit 1
jobs=()
for s in $seeds; do
	j=$out/.jobs/sysfuzz-s$s
	mkdir -p "$j" && cp "$img.gz" "$j/kernel" || exit 1
	sed -E "s/^extra = .*/extra = \"$s $calls $race\"/" "$img.cfg" > "$j/guest.cfg"
	echo $((calls / 40 + 60)) > "$j/timeout"
	jobs+=("$j")
done
"$top/tools/testhost/testhost.sh" run "$out" "${jobs[@]}" || echo "sysfuzz: the test host failed"

fails=0
for s in $seeds; do
	r=$out/sysfuzz-s$s
	state=$(cat "$r/state" 2>/dev/null || echo missing)
	verdict=$("$test/compare.sh" "$r/console.log" "$img.linux" "$test/allow" "$r" 2>&1)
	ok=$?
	if [ "$state" != poweroff ] || [ $ok -ne 0 ]; then
		fails=$((fails + 1))
		echo "[ FAIL ] sysfuzz seed $s: state $state"
	else
		echo "[  OK  ] sysfuzz seed $s"
	fi
	printf '%s\n' "$verdict" | head -n 12 | sed 's/^/    /'
done
echo "sysfuzz: $(($(wc -w <<< "$seeds") - fails)) of $(wc -w <<< "$seeds") seeds passed (results in $out)"
[ $fails -eq 0 ]
