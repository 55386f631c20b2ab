#!/usr/bin/env bash
# sysfuzz: compare a guest's run of the fuzzer with the same program and
# seed run here, under Linux, call by call.
#   compare.sh CONSOLE_LOG PROGRAM ALLOW_LIST [OUT_DIR]
# Reads the guest's "sf ..." lines from CONSOLE_LOG, takes the seed and
# count from its "sf start" line, runs PROGRAM (the same static binary)
# with them, and lists every call whose result differs, as
# "INDEX NAME ARGS: linux=R skiff=R". Calls logged "raced" on either side
# are not compared. A difference that matches a line of ALLOW_LIST
# ("ERE | reason", matched against "NAME ARGS: linux=R skiff=R") is
# counted as known; any other fails. OUT_DIR (default: .) gets linux.log,
# skiff.log and differences. Exit 0: no unknown difference and the guest
# made every call; 1 otherwise.
set -uo pipefail

[ $# -ge 3 ] || { echo "usage: compare.sh CONSOLE_LOG PROGRAM ALLOW_LIST [OUT_DIR]" >&2; exit 2; }
console=$1 prog=$2 allow=$3 out=${4:-.}
prog=$(cd "$(dirname "$prog")" && pwd)/$(basename "$prog") # run from elsewhere
mkdir -p "$out"
tr -d '\r' < "$console" | grep -aE '^sf (start|end|[0-9]+) ' > "$out/skiff.log"
read -r _ _ seed calls race < <(grep -m1 '^sf start ' "$out/skiff.log") || {
	echo "compare: no 'sf start' line from the guest"
	exit 1
}
# The reference run, in a folder of its own (the program makes its
# fixtures under /tmp and removes them).
work=$(mktemp -d)
(cd "$work" && timeout 600 "$prog" "$seed" "$calls" $race < /dev/null) > "$out/linux.log"
rc=$?
rm -rf "$work"
[ $rc -eq 0 ] || { echo "compare: the Linux run of seed $seed failed (status $rc)"; exit 1; }

# Join by index; keep the differing, non-raced calls.
awk '
	FNR == NR { if ($2 ~ /^[0-9]+$/) linux[$2] = $0; next }
	$2 ~ /^[0-9]+$/ {
		n++
		l = linux[$2]
		if (l == "" || l == $0) next
		if (l ~ / = raced$/ || $0 ~ / = raced$/) next
		split(l, a, " = ")
		split($0, b, " = ")
		sub(/^sf [0-9]+ /, "", a[1]); sub(/^sf [0-9]+ /, "", b[1])
		if (a[1] != b[1]) { print $2 " arguments differ: " a[1] " / " b[1]; next }
		print $2 " " a[1] ": linux=" a[2] " skiff=" b[2]
	}
' "$out/linux.log" "$out/skiff.log" > "$out/differences"

# Split the differences into known (matching an allow-list ERE) and
# unknown, in one pass (awk's ERE are POSIX's, as grep -E's).
rm -f "$out/unknown"
grep -vE '^(#|$)' "$allow" | sed -E 's/ *\| .*$//' > "$out/.patterns"
awk '
	FNR == NR { pat[++np] = $0; next }
	{
		rest = $0
		sub(/^[0-9]+ /, "", rest)
		for (i = 1; i <= np; i++)
			if (rest ~ pat[i]) { known++; next }
		print > unknown
	}
	END { print known + 0 > counts }
' unknown="$out/unknown" counts="$out/.known" "$out/.patterns" "$out/differences"
[ -f "$out/unknown" ] || : > "$out/unknown"
made=$(grep -cE '^sf [0-9]+ ' "$out/skiff.log")
known=$(cat "$out/.known")
unknown=$(wc -l < "$out/unknown")
rm -f "$out/.patterns" "$out/.known"
echo "compare: seed $seed: guest made $made of $calls calls; $known known and $unknown unknown differences"
head -n 40 "$out/unknown" | sed 's/^/compare: unknown: /'
[ "$unknown" -eq 0 ] && [ "$made" -eq "$calls" ]
