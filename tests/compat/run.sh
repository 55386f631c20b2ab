#!/usr/bin/env bash
# `make compat`: the compatibility yardstick (docs/compat.md). Go's own
# standard-library tests, built with `go test -c` as static linux/amd64
# binaries, run on Skiff (one image per package, all in ONE boot of the
# Xen test host, under the test-host lock) and on this machine as the
# reference; prints passed / failed / skipped per package for both and
# writes the table and the gaps to build/compat/results.txt.
#   tests/compat/run.sh [--report] [PACKAGE...]
# --report: only tabulate the results of the last run again.
# PACKAGEs: only these (default: every line of tests/compat/packages).
# Env: COMPAT_GO_VERSION (default $GO_VERSION, else 1.23: the first Go
# whose testing has -test.skip, which tests/compat/exclude needs, is
# 1.20): the Debian Go toolchain (/usr/lib/go-VERSION), installed on
# demand by tools/deps/linux-tools.sh; COMPAT_TIMEOUT (seconds a package may
# run, default 300; its -test.timeout is 30 s less, so that Go itself
# reports what hung); COMPAT_MEMORY (MiB per image, default 256);
# COMPAT_OUT (the results' folder, default build/compat).
set -uo pipefail
export LC_ALL=C # sort and join agree on the order of test names

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$top/build # where make puts the images (build/NAME/)
out=${COMPAT_OUT:-$build/compat}
gover=${COMPAT_GO_VERSION:-${GO_VERSION:-1.23}}
goroot=/usr/lib/go-$gover
timeout=${COMPAT_TIMEOUT:-300}
memory=${COMPAT_MEMORY:-256}
lock=/tmp/skiff-testhost.lock
busybox=${SKIFF_CACHE:-$HOME/.cache/skiff}/testhost/root/bin/busybox

report_only=no
if [ "${1:-}" = --report ]; then
	report_only=yes
	shift
fi
case $timeout in '' | *[!0-9]*) echo "compat: COMPAT_TIMEOUT must be seconds, not '$timeout'" >&2; exit 2 ;; esac
[ "$timeout" -ge 60 ] || { echo "compat: COMPAT_TIMEOUT must be at least 60" >&2; exit 2; }
testtimeout=$((timeout - 30))

# The package list: "path [mem=MIB] [tags=TAGS] [with=DIR,...]
# [bin=NAME,...]" lines, comments and blanks skipped.
declare -A mem=() tags=() with=() bins=()
pkgs=()
while read -r p opts; do
	case $p in '' | '#'*) continue ;; esac
	[ $# -eq 0 ] || [[ " $* " == *" $p "* ]] || continue
	pkgs+=("$p")
	mem[$p]=$memory tags[$p]='' with[$p]='' bins[$p]=''
	for o in $opts; do
		case $o in
		mem=*) mem[$p]=${o#mem=} ;;
		tags=*) tags[$p]=${o#tags=} ;;
		with=*) with[$p]=${o#with=} ;;
		bin=*) bins[$p]=${o#bin=} ;;
		*) echo "compat: tests/compat/packages: unknown option '$o' for $p" >&2; exit 2 ;;
		esac
	done
done < "$here/packages"
[ ${#pkgs[@]} -gt 0 ] || { echo "compat: no packages (tests/compat/packages, or the names given)" >&2; exit 2; }

# An image name per package: compat-encoding-json.
app_name() { echo "compat-${1//\//-}"; }

# The -test.skip pattern for a package (tests/compat/exclude), empty if none.
skip_regexp() {
	awk -v p="$1" '$1 == p { r = r (r == "" ? "" : "|") $2 } END { print r }' "$here/exclude"
}

# Whether this Go's testing package knows -test.skip (Go 1.20 and later).
has_test_skip() {
	local minor=${gover#1.}
	minor=${minor%%.*}
	[ "$minor" -ge 20 ] 2> /dev/null
}

# Go 1.19's internal/testenv assumes every Linux machine can run `go
# build` (later ones try `go tool` first, which fails on Skiff: no exec,
# so the test is skipped). A runtime test that then cannot build its
# helper program calls t.Fatal while holding the lock the next build
# waits for, and the run hangs until its time-out. GO_GCFLAGS is
# testenv's own switch for "no go build here": set on Skiff for a Go
# without the probe, the tests that need the Go tool skip instead.
old_testenv_env() {
	local minor=${gover#1.}
	minor=${minor%%.*}
	[ "$minor" -ge 21 ] 2> /dev/null || echo "GO_GCFLAGS=-skiff-cannot-exec-go"
}

# The flags both runs give the test binary.
test_flags() { # package
	local s
	printf '%s' "-test.short -test.v -test.timeout=${testtimeout}s"
	s=$(skip_regexp "$1")
	[ -n "$s" ] && has_test_skip && printf ' %s' "-test.skip=$s"
	echo
}

go_env() {
	env GOROOT="$goroot" GOCACHE="${SKIFF_CACHE:-$HOME/.cache/skiff}/go-$gover/cache" \
		GOPATH="${SKIFF_CACHE:-$HOME/.cache/skiff}/go-$gover/path" GOENV=off GOFLAGS= \
		GOPROXY=off GOSUMDB=off GOWORK=off GOOS=linux GOARCH=amd64 GOAMD64=v1 \
		CGO_ENABLED=0 "$@"
}

# Build the test binary, the app folder and the image of one package.
build_one() { # package
	local p=$1 n bin app f
	n=$(app_name "$p")
	bin=$out/bin/$n.test
	app=$out/apps/$n
	echo "  GOTEST  $p"
	if ! (cd "$goroot/src" && go_env "$goroot/bin/go" test -c -trimpath \
		${tags[$p]:+-tags="${tags[$p]}"} -o "$bin.tmp" "$p") > "$out/logs/$n.build" 2>&1; then
		echo "compat: go test -c $p failed (see $out/logs/$n.build)" >&2
		return 1
	fi
	mv "$bin.tmp" "$bin" || return 1
	"$bin" -test.list '.*' > "$out/lists/$n" 2>> "$out/logs/$n.build" ||
		{ echo "compat: $bin -test.list failed" >&2; return 1; }
	# The ramdisk: the Go tree as the reference has it, at the same
	# path, with what the tests read: the package's folder (its files and
	# testdata/; sub-packages only when the packages file says with=),
	# src/go.mod (internal/testenv finds GOROOT by it when -trimpath hid
	# it from runtime.GOROOT()), and the testdata/ of the folders above
	# ("../testdata/x"). The program starts in the package's folder (the
	# cwd= boot option), where `go test` runs it.
	# The program's own folder (/gotest, where Skiff places it: APP_ARGV0):
	# as under `go test` (/tmp/go-build.../b001/PKG.test), it is one
	# level below another, which os's TestExecutable needs to name it by
	# a relative path with a slash.
	rm -rf "$app" && mkdir -p "$app/files/gotest"
	local tree=$app/files$goroot/src up w b
	mkdir -p "$tree/$p" || return 1
	for f in "$goroot/src/$p"/*; do
		[ -d "$f" ] && [ "$(basename "$f")" != testdata ] && continue
		cp -RL "$f" "$tree/$p/" || return 1
	done
	cp -L "$goroot/src/go.mod" "$tree/" || return 1
	up=$p
	while [ "$up" != . ]; do
		up=$(dirname "$up")
		[ -d "$goroot/src/$up/testdata" ] || continue
		mkdir -p "$tree/$up" && cp -RL "$goroot/src/$up/testdata" "$tree/$up/" || return 1
	done
	for w in ${with[$p]//,/ }; do
		mkdir -p "$tree/$(dirname "$w")" && cp -RL "$goroot/src/$w" "$tree/$(dirname "$w")/" || return 1
	done
	# bin=NAME: a program the tests run from PATH (/usr/bin), as the
	# build machine has it: Debian's static busybox under that name.
	for b in ${bins[$p]//,/ }; do
		[ -x "$busybox" ] || { echo "compat: $p needs $busybox for bin=$b (the test host's root: make testhost)" >&2; return 1; }
		mkdir -p "$app/files/usr/bin" && cp "$busybox" "$app/files/usr/bin/$b" || return 1
	done
	# Xen gives a guest at most 1024 bytes of command line.
	[ "$(echo "cwd=$goroot/src/$p $(test_flags "$p")" | wc -c)" -le 1000 ] ||
		{ echo "compat: $p's flags (with its -test.skip) are longer than Xen's command line allows" >&2; return 1; }
	cat > "$app/app.mk" <<-EOF
		# Generated by tests/compat/run.sh: $p's tests ($gover).
		LINUX_BINARY := $bin
		APP_ARGV0 := /gotest/$n.test
		APP_MEMORY := ${mem[$p]}
		APP_EXTRA := cwd=$goroot/src/$p $(test_flags "$p" | sed 's/\$/$$/g')
		APP_FILES := files
		APP_ENV := PATH=/usr/bin:/bin $(old_testenv_env)
	EOF
	make --no-print-directory -C "$top" APP="$app" app >> "$out/logs/$n.build" 2>&1 ||
		{ echo "compat: building the image for $p failed (see $out/logs/$n.build)" >&2; return 1; }
}

# The reference: the same binary on this machine, in the package's folder
# and with its Go toolchain in PATH and GOROOT (as `go test` runs it: many
# tests build and start helper programs), otherwise a clean environment.
reference_one() { # package
	local p=$1 n rc tmp
	n=$(app_name "$p")
	tmp=$(mktemp -d "$out/tmp.XXXXXX")
	mkdir -p "$tmp/home"
	echo "  LINUX   $p"
	# shellcheck disable=SC2046 # the flags are words
	(cd "$goroot/src/$p" && env -i HOME="$tmp/home" PATH="$goroot/bin:/usr/bin:/bin" TMPDIR="$tmp" \
		GOROOT="$goroot" GOCACHE="${SKIFF_CACHE:-$HOME/.cache/skiff}/go-$gover/cache" GOPROXY=off \
		timeout -k 10 "$timeout" "$out/bin/$n.test" $(test_flags "$p")) > "$out/linux/$n/console.log" 2>&1
	rc=$?
	echo "$rc" > "$out/linux/$n/exit-code"
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then echo timeout; else echo poweroff; fi > "$out/linux/$n/state"
	chmod -R u+w "$tmp" 2> /dev/null
	rm -rf "$tmp"
}

# One package's counts from a -test.v log: "pass fail skip status notes".
# Top-level tests only (a failed subtest fails its test). A run that did
# not end by itself (crash, time-out, a panic) counts every listed test
# that did not report as failed; the note says how many.
count_one() { # package resultdir
	local p=$1 d=$2 n log st rc skip
	n=$(app_name "$p")
	log=$d/console.log
	st=$(cat "$d/state" 2> /dev/null)
	rc=$(cat "$d/exit-code" 2> /dev/null)
	skip=$(has_test_skip && skip_regexp "$p")
	{ tr -d '\r' < "$log"; } 2> /dev/null | awk -v st="${st:-missing}" -v rc="$rc" -v skip="$skip" \
		-v list="$out/lists/$n" '
		/^=== RUN   [^\/]+$/ { run[$3] = 1 }
		/^--- PASS: / { res[$3] = "pass" }
		/^--- FAIL: / { res[$3] = "fail" }
		/^--- SKIP: / { res[$3] = "skip" }
		/^(PASS|FAIL)$/ { ended = 1 }
		/^panic: test timed out after/ { tmo = 1 }
		/^(panic|fatal error): / && !first { first = $0 }
		END {
			for (t in res) c[res[t]]++
			status = "ok"
			if (st == "timeout" || tmo) status = "timeout"
			else if (st == "crash") status = "crash"
			else if (st != "poweroff") status = st
			else if (rc == "1" && ended) status = "FAIL"
			else if (rc != "0" || !ended) status = "exit" (rc == "" ? "?" : rc)
			lost = 0
			if (status != "ok" && status != "FAIL") {
				while ((getline t < list) > 0)
					if (t ~ /^(Test|Example|Fuzz)/ && !(t in res) && (skip == "" || t !~ ("^(" skip ")$")))
						lost++
				c["fail"] += lost
			}
			note = lost ? lost " not finished" : ""
			# The tests that had started and never reported: what hung or crashed.
			nrun = 0
			for (t in run) if (!(t in res) && nrun++ < 3) running = running (running ? " " : "") t
			if (status != "ok" && status != "FAIL" && running != "") note = note (note ? "; " : "") "started, never reported: " running
			if (first != "") note = note (note ? "; " : "") substr(first, 1, 60)
			printf "%d %d %d %s %s\n", c["pass"], c["fail"], c["skip"], status, note
		}'
}

# Top-level test results of a log: "name pass|fail|skip" lines.
results_one() { # log
	{ tr -d '\r' < "$1"; } 2> /dev/null |
		sed -n 's/^--- \(PASS\|FAIL\|SKIP\): \([^ ]*\).*/\2 \1/p' |
		awk '{ print $1, tolower($2) }' | sort -u -k1,1
}

# For each test of a -test.v log, the first line it printed (its first
# t.Log / t.Error message; `go test -v` streams them under "=== RUN" and
# "=== CONT" headers): "name message" lines.
first_messages() { # log
	{ tr -d '\r' < "$1"; } 2> /dev/null | awk '
		/^=== (RUN|CONT) / { cur = $3; sub(/\/.*/, "", cur); next }
		/^(---|===|PASS$|FAIL$|ok )/ { cur = ""; next }
		cur != "" && !(cur in msg) && /^ +[^ ]/ { m = $0; sub(/^ +/, "", m); msg[cur] = substr(m, 1, 150) }
		END { for (t in msg) print t, msg[t] }' | sort -k1,1
}

tabulate() {
	local p n s l gaps sys
	{
		echo "compat: Go $gover standard-library tests, -test.short, on Skiff and on Linux ($(date -u '+%Y-%m-%d %H:%M UTC'))"
		echo "(a package that did not end by itself counts its unfinished tests as failed)"
		printf '%-15s %5s %5s %5s %-8s | %5s %5s %5s %-8s | %s\n' package pass fail skip Skiff pass fail skip Linux "gaps"
		for p in "${pkgs[@]}"; do
			n=$(app_name "$p")
			read -r -a s <<< "$(count_one "$p" "$out/results/$n")"
			read -r -a l <<< "$(count_one "$p" "$out/linux/$n")"
			# Tests that pass on Linux and not on Skiff.
			join <(results_one "$out/linux/$n/console.log" | awk '$2 == "pass"') \
				<(results_one "$out/results/$n/console.log") | awk '$3 != "pass" { print $1, $3 }' > "$out/gaps/$n"
			join -v1 <(results_one "$out/linux/$n/console.log" | awk '$2 == "pass"') \
				<(results_one "$out/results/$n/console.log") | awk '{ print $1, "notrun" }' >> "$out/gaps/$n"
			sort -o "$out/gaps/$n" "$out/gaps/$n"
			gaps=$(wc -l < "$out/gaps/$n")
			printf '%-15s %5s %5s %5s %-8s | %5s %5s %5s %-8s | %s\n' "$p" "${s[0]}" "${s[1]}" "${s[2]}" "${s[3]}" \
				"${l[0]}" "${l[1]}" "${l[2]}" "${l[3]}" "$gaps"
		done
		echo
		echo "Notes (why a run did not end by itself):"
		for p in "${pkgs[@]}"; do
			n=$(app_name "$p")
			read -r _ _ _ _ s <<< "$(count_one "$p" "$out/results/$n")"
			[ -n "$s" ] && echo "  $p on Skiff: $s"
			read -r _ _ _ _ l <<< "$(count_one "$p" "$out/linux/$n")"
			[ -n "$l" ] && echo "  $p on Linux: $l"
		done
		echo
		echo "System calls Skiff answered with ENOSYS (per package):"
		for p in "${pkgs[@]}"; do
			n=$(app_name "$p")
			sys=$({ tr -d '\r' < "$out/results/$n/console.log"; } 2> /dev/null |
				sed -n 's/.*linux: system call \([^ ]*\) (\([0-9]*\)) not implemented.*/\1(\2)/p' | sort -u | tr '\n' ' ')
			[ -n "$sys" ] && echo "  $p: $sys"
		done
		echo
		echo "Tests that pass on Linux and not on Skiff (fail, skip, or notrun: never reported):"
		for p in "${pkgs[@]}"; do
			n=$(app_name "$p")
			[ -s "$out/gaps/$n" ] || continue
			echo "  $p:"
			join -a1 "$out/gaps/$n" <(first_messages "$out/results/$n/console.log") | sed 's/^/    /' 
		done
	} > "$out/results.txt"
	# The table and the notes on the terminal; the lists are in the file.
	sed '/^System calls Skiff/,$d' "$out/results.txt"
	echo "ENOSYS calls and the failing tests: $out/results.txt"
}

# The whole run in one function, called on the script's last line: bash
# has then read all of it, so editing the script during a long run
# cannot change what the run does.
main() {
if [ $report_only = yes ]; then
	mkdir -p "$out/gaps"
	tabulate
	return 0
fi

[ -x "$goroot/bin/go" ] || "$top/tools/deps/linux-tools.sh" go "$gover" >&2 || return 1
[ -x "$goroot/bin/go" ] || { echo "compat: no Go $gover at $goroot (Debian's golang-$gover-go)" >&2; return 1; }
start=$(date +%s)
rm -rf "$out/results" "$out/linux" "$out/jobs" "$out/gaps" "$out"/tmp.*
mkdir -p "$out/bin" "$out/apps" "$out/logs" "$out/lists" "$out/linux" "$out/jobs" "$out/gaps"

echo "== building ${#pkgs[@]} test binaries and images (Go $gover)"
for p in "${pkgs[@]}"; do
	build_one "$p" || return 1
done

echo "== the reference: the same binaries on this machine"
for p in "${pkgs[@]}"; do
	mkdir -p "$out/linux/$(app_name "$p")"
	reference_one "$p"
done

echo "== Skiff: ${#pkgs[@]} images in one boot of the Xen test host (up to ${timeout} s each)"
jobs=()
for p in "${pkgs[@]}"; do
	n=$(app_name "$p")
	mkdir -p "$out/jobs/$n"
	cp "$build/$n/$n.gz" "$out/jobs/$n/kernel" && cp "$build/$n/$n.cfg" "$out/jobs/$n/guest.cfg" &&
		cp "$build/$n/$n.cpio" "$out/jobs/$n/" || return 1
	jobs+=("$out/jobs/$n")
done
status=0
flock "$lock" "$top/tools/testhost/testhost.sh" run --timeout "$((timeout + 30))" "$out/results" "${jobs[@]}" || status=1

echo "== results ($((($(date +%s) - start) / 60)) minutes in all)"
tabulate
return $status
}

main
exit $?
