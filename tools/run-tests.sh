#!/usr/bin/env bash
# The whole test suite, as `make test` runs it: source formatting, host
# unit tests, build tests, then every guest test in one boot of the Xen
# test host.
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -u
cd "$(dirname "$0")/.."
top=$PWD
passed=0
failed=0

count() { # summary-file
	local p f
	if read -r p f < "$1" 2>/dev/null; then
		passed=$((passed + p))
		failed=$((failed + f))
	else
		echo "[ FAIL ] no results in ${1#"$top"/}"
		failed=$((failed + 1))
	fi
}

step() { # name command...
	local name=$1
	shift
	echo "[ RUN  ] $name"
	if "$@"; then
		echo "[  OK  ] $name"
		passed=$((passed + 1))
	else
		echo "[ FAIL ] $name"
		failed=$((failed + 1))
	fi
}

mkdir -p build
echo "== source checks"
step format tools/format-check.sh

echo "== host unit tests (tests/host)"
rm -f build/host-tests.summary
make -s -C tests/host SKIFF="$top" run
count build/host-tests.summary

echo "== build tests (tests/build): images, configs, out-of-tree apps"
rm -rf build/build-tests
tests/build/run.sh build/build-tests
count build/build-tests/summary

echo "== guest tests (tests/guest) on the Xen test host"
if step build-guest-images make --no-print-directory guest-images; then
	rm -rf build/guest-results
	make --no-print-directory guest-tests
	count build/guest-results/summary
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
