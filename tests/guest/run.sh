#!/usr/bin/env bash
# Guest-test runner: boots every given guest test in ONE run of the Xen test
# host, then checks each with its check.sh (helpers: tests/guest/lib.sh).
#   tests/guest/run.sh OUTDIR TESTDIR...
# For TESTDIR .../NAME the image is build/NAME/NAME.gz and the xl config
# build/NAME/NAME.cfg (built by make beforehand); TESTDIR/dom0.sh, if
# there, runs in dom0 next to the guest (with tests/guest/dom0lib.sh beside
# it); TESTDIR/pre.sh, if there, runs in dom0 in the job's folder before
# xl create (disk images, lines added to guest.cfg); TESTDIR/files lists
# more files for
# the job, one path a line (relative to TESTDIR, else to build/NAME/).
# With a file TESTDIR/boot-image, the test boots build/NAME/NAME.img
# through the bootloader build/NAME/NAME-pvgrub.cfg names (make image).
# Prints "[ RUN  ] NAME" / "[  OK  ] NAME" / "[ FAIL ] NAME: reason", writes
# "PASSED FAILED" to OUTDIR/summary and exits non-zero on any failure.
# Env: GUEST_TEST_TIMEOUT (seconds per test, default 60), SKIFF_BUILD.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=${SKIFF_BUILD:-$top/build}
timeout=${GUEST_TEST_TIMEOUT:-120}
passed=0
failed=0
tests=()
declare -A broken=()

usage() {
	echo "usage: tests/guest/run.sh OUTDIR TESTDIR..." >&2
	exit 2
}

# Copy the files a TESTDIR/files list names into the job.
copy_listed() { # testdir name jobdir
	local f src
	[ -f "$1/files" ] || return 0
	while read -r f; do
		case $f in '' | '#'*) continue ;; esac
		src=$f
		[[ $f == /* ]] || { src=$1/$f; [ -e "$src" ] || src=$build/$2/$f; }
		[ -e "$src" ] || { echo "listed file '$f' not found"; return 1; }
		cp -RL "$src" "$3/" || return 1
	done < "$1/files"
}

# The job's kernel and config for the usual test: the gzipped image, as
# users boot it (a quarter of the ELF's size, which matters when every job
# must fit in dom0's memory at once), its xl config and its ramdisk.
kernel_job() { # name jobdir
	local img=$build/$1/$1
	[ -f "$img.gz" ] || { echo "no image $img.gz (not built?)"; return 1; }
	[ -f "$img.cfg" ] || { echo "no xl config $img.cfg (not built?)"; return 1; }
	cp "$img.gz" "$2/kernel" && cp "$img.cfg" "$2/guest.cfg" || return 1
	# The app's ramdisk (APP_FILES), which the config names.
	if grep -q '^ramdisk = ' "$img.cfg"; then
		cp "$img.cpio" "$2/" || return 1
	fi
}

# For a test with a file boot-image: the app's disk image (make image) and
# the config that boots it through a bootloader in dom0 (NAME-pvgrub.cfg).
# The test host boots the job's file "kernel": bootimage-pre.sh, the job's
# pre.sh, makes that a link to the bootloader the config names (in the
# file "bootloader") and points the config's disk at the job's image
# before it runs the test's own pre.sh (shipped as test-pre.sh).
image_job() { # name jobdir
	local img=$build/$1/$1 boot
	[ -f "$img.img" ] || { echo "no disk image $img.img (make image not run?)"; return 1; }
	[ -f "$img-pvgrub.cfg" ] || { echo "no xl config $img-pvgrub.cfg (make image not run?)"; return 1; }
	boot=$(sed -n 's/^kernel = "\(.*\)"$/\1/p' "$img-pvgrub.cfg")
	[ -n "$boot" ] || { echo "$img-pvgrub.cfg names no kernel"; return 1; }
	cp "$img.img" "$2/" && cp "$img-pvgrub.cfg" "$2/guest.cfg" || return 1
	echo "$boot" > "$2/bootloader" && : > "$2/kernel" &&
		cp "$here/bootimage-pre.sh" "$2/pre.sh"
}

# Assemble OUTDIR/.jobs/NAME; prints a reason and fails if it cannot.
make_job() { # testdir name jobdir
	local pre=pre.sh
	mkdir -p "$3"
	if [ -f "$1/boot-image" ]; then
		image_job "$2" "$3" || return 1
		pre=test-pre.sh
	else
		kernel_job "$2" "$3" || return 1
	fi
	if [ -f "$1/dom0.sh" ]; then
		cp "$1/dom0.sh" "$here/dom0lib.sh" "$3/" || return 1
	fi
	if [ -f "$1/pre.sh" ]; then
		cp "$1/pre.sh" "$3/$pre" && cp "$here/dom0lib.sh" "$3/" || return 1
	fi
	# A test that needs longer than the run's timeout says so.
	if [ -f "$1/timeout" ]; then
		cp "$1/timeout" "$3/" || return 1
	fi
	copy_listed "$1" "$2" "$3"
}

# Run one test's check.sh in a subshell; print the verdict.
check_one() { # testdir name
	local res=$out/$2 fails=$out/$2/.failures status
	echo "[ RUN  ] $2"
	if [ -n "${broken[$2]:-}" ]; then
		report_fail "$2" "${broken[$2]}" ""
		return
	fi
	rm -f "$fails" "$res/.console.txt"
	if [ ! -f "$1/check.sh" ]; then
		echo "no check.sh in $1" > "$fails"
	else
		(
			cd "$res" || exit 1
			# shellcheck disable=SC2034 # for check.sh
			TEST=$2 RESULT=$res TESTDIR=$1 FAILURES=$fails
			# shellcheck source=tests/guest/lib.sh
			. "$here/lib.sh"
			# shellcheck disable=SC1091
			. "$1/check.sh"
		)
		status=$?
		[ $status -eq 0 ] || [ -s "$fails" ] || echo "check.sh failed (exit status $status)" >> "$fails"
	fi
	if [ -s "$fails" ]; then
		report_fail "$2" "$(head -n 1 "$fails")" "$fails"
	else
		echo "[  OK  ] $2"
		passed=$((passed + 1))
	fi
}

report_fail() { # name first-reason failures-file
	local n=0
	echo "[ FAIL ] $1: $2"
	[ -n "$3" ] && n=$(wc -l < "$3")
	[ "$n" -gt 1 ] && tail -n +2 "$3" | sed 's/^/         also: /'
	if [ -s "$out/$1/console.log" ]; then
		echo "         --- last lines of $1's console ($(cat "$out/$1/state" 2> /dev/null || echo no state)):"
		tr -d '\r' < "$out/$1/console.log" | tail -n 15 | sed 's/^/         | /'
	fi
	failed=$((failed + 1))
}

main() {
	local t name reason jobs=() rc
	[ $# -ge 1 ] || usage
	out=$1
	shift
	mkdir -p "$out" || exit 1
	out=$(cd "$out" && pwd)
	rm -rf "$out/.jobs"
	for t in "$@"; do
		t=$(cd "$t" && pwd) || { echo "[ FAIL ] $t: no such test folder"; failed=$((failed + 1)); continue; }
		name=$(basename "$t")
		tests+=("$t")
		if reason=$(make_job "$t" "$name" "$out/.jobs/$name"); then
			jobs+=("$out/.jobs/$name")
		else
			broken[$name]=${reason:-cannot assemble its job}
		fi
	done
	if [ ${#jobs[@]} -gt 0 ]; then
		"$top/tools/testhost/testhost.sh" run --timeout "$timeout" "$out" "${jobs[@]}"
		rc=$?
		if [ $rc -ne 0 ]; then
			echo "[ FAIL ] testhost: the Xen test host failed (status $rc; see ${out#"$top"/}/testhost.log)"
			failed=$((failed + 1))
		fi
	fi
	for t in "${tests[@]}"; do
		check_one "$t" "$(basename "$t")"
	done
	echo "$passed $failed" > "$out/summary"
	[ "$failed" -eq 0 ]
}

main "$@"
