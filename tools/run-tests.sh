#!/usr/bin/env bash
# The whole test suite, as `make test` runs it: source formatting, host
# unit tests, the fuzzers (FUZZ_TIME seconds each, 20 by default), build
# tests, then every guest test in one boot of the Xen test host.
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
top=$PWD
passed=0
failed=0

log=build/test-output.log

# Runs a command with its output also appended to $log, so that the end of
# the run can list every failure again (CI shows only the tail of a run).
logged() { # command...
	"$@" 2>&1 | tee -a "$log"
	return "${PIPESTATUS[0]}"
}

count() { # summary-file
	local p f
	if read -r p f < "$1" 2>/dev/null; then
		passed=$((passed + p))
		failed=$((failed + f))
	else
		logged echo "[ FAIL ] no results in ${1#"$top"/}"
		failed=$((failed + 1))
	fi
}

step() { # name command...
	local name=$1
	shift
	echo "[ RUN  ] $name"
	if logged "$@"; then
		echo "[  OK  ] $name"
		passed=$((passed + 1))
	else
		logged echo "[ FAIL ] $name"
		failed=$((failed + 1))
	fi
}

mkdir -p build
: > "$log"
echo "== source checks"
step format tools/format-check.sh

echo "== host unit tests (tests/host)"
rm -f build/host-tests.summary
logged make -s -C tests/host SKIFF="$top" run
count build/host-tests.summary

fuzz_time=${FUZZ_TIME:-20}
echo "== fuzzers (tests/fuzz), $fuzz_time s each"
rm -f build/fuzz.summary
logged make -s --no-print-directory fuzz FUZZ_TIME="$fuzz_time" FUZZ_SYS=no
count build/fuzz.summary

echo "== build tests (tests/build): images, configs, out-of-tree apps"
rm -rf build/build-tests
logged tests/build/run.sh build/build-tests
count build/build-tests/summary

echo "== guest tests (tests/guest) on the Xen test host"
if step build-guest-images make --no-print-directory guest-images; then
	rm -rf build/guest-results
	logged make --no-print-directory guest-tests
	count build/guest-results/summary
fi

if [ "$failed" -gt 0 ]; then
	echo "== failures (full output in $log)"
	# each failure line, with the indented detail lines that follow it
	awk '/^\[ FAIL \]/ { show = 1; print; next } show && /^ / { print; next } { show = 0 }' "$log" | head -n 100
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
