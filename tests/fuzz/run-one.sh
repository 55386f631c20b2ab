#!/usr/bin/env bash
# Run one fuzzer for a while from its seeds, as tests/fuzz/Makefile's
# `run` does for each: prints [ RUN  ] and then [  OK  ] or [ FAIL ] (with
# the sanitizer's or libFuzzer's one-line reason and the crashing input's
# path), and writes "1 0" or "0 1" to B/results/NAME.
#   usage: run-one.sh B SEEDS NAME SECONDS INPUT_TIMEOUT
# B/corpus/NAME keeps what earlier runs on this machine found (libFuzzer
# adds new inputs to the first folder it is given); SEEDS/NAME is the
# repository's corpus, only read. A crash or hang leaves its input in
# B/crashes/NAME/, the whole output in B/logs/NAME.log.
set -u
b=$1
seeds=$2/$3
name=$3
secs=$4
tmo=$5
bin=$b/fuzz_$name
work=$b/corpus/$name
crashes=$b/crashes/$name
log=$b/logs/$name.log
result=$b/results/$name

# Paths in messages from the top of the tree (B is TOP/build/fuzz).
top=$(cd "$b/../.." && pwd)
rel() { echo "${1#"$top"/}"; }

mkdir -p "$work" "$crashes" "$b/logs" "$b/results"
rm -f "$result"
echo "[ RUN  ] fuzz.$name (${secs} s)"
if [ ! -d "$seeds" ]; then
	echo "[ FAIL ] fuzz.$name: no seed corpus at $(rel "$seeds")"
	echo "0 1" >"$result"
	exit 0
fi
before=$(find "$crashes" -type f | wc -l)
# The outer timeout only guards against libFuzzer itself getting stuck.
timeout $((secs + 120)) "$bin" -max_total_time="$secs" -timeout="$tmo" \
	-rss_limit_mb=2048 -artifact_prefix="$crashes/" -print_final_stats=1 \
	"$work" "$seeds" >"$log" 2>&1
rc=$?
after=$(find "$crashes" -type f | wc -l)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
if [ "$rc" -eq 0 ] && [ "$after" -eq "$before" ] && [ -n "$runs" ]; then
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1)
	echo "[  OK  ] fuzz.$name: ${runs} inputs, ${cov:-cov: ?}, corpus $(find "$work" -type f | wc -l) files"
	echo "1 0" >"$result"
	exit 0
fi
why=$(grep -m1 -E '(FUZZ_ASSERT|^==[0-9]+==ERROR|SUMMARY: |ALARM:|.*runtime error:|==[0-9]+== ERROR: libFuzzer)' "$log")
echo "[ FAIL ] fuzz.$name: exit $rc"
echo "  ${why:-see the log}"
newest=$(ls -t "$crashes" 2>/dev/null | head -n1)
[ -z "$newest" ] || echo "  input: $(rel "$crashes")/$newest (replay: $(rel "$bin") FILE)"
echo "  log: $(rel "$log")"
echo "0 1" >"$result"
