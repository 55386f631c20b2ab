#!/usr/bin/env bash
# `make bench`: build every benchmark app in tests/bench/NAME/ (main.c,
# app.mk, optional dom0.sh and a `files` list, as a guest test; and an
# optional executable job.sh, run with the job's folder after the app is
# in it, to add files (e.g. a Linux domU peer that dom0.sh starts) or, in
# a folder without app.mk, to write the whole job), run them all in ONE
# boot of the Xen test host (a pre.sh runs in dom0 first, as for guest
# tests), and collect every "BENCH name value unit" line
# from the guests' consoles and their dom0.sh output. Prints a table, the
# ratios listed in tests/bench/ratios ("skiff_name reference_name" per
# line), and writes both to build/bench/results.txt. Record what matters
# in docs/benchmarks.md. With names (`make bench BENCH="a b"`), only those
# benchmarks run; ratios whose figures are missing then say so. One with
# a file rev-only (goab: this tree against commit BENCH_REV) runs when
# named or when BENCH_REV is set.
# Image sizes ("sizes": hello, httpd and go-httpd as built by make) are
# reported too, unless names are given without "sizes".
set -uo pipefail
cd "$(dirname "$0")/.."
top=$PWD
out=$top/build/bench
benches=()
for d in tests/bench/*/; do
	n=$(basename "$d")
	[ $# -eq 0 ] || [[ " $* " == *" $n "* ]] || continue
	# Against another commit: when named, or with BENCH_REV set.
	[ $# -eq 0 ] && [ -f "$d/rev-only" ] && [ -z "${BENCH_REV:-}" ] && continue
	[ -f "$d/app.mk" ] || [ -x "$d/job.sh" ] && benches+=("$top/${d%/}")
done
sizes=no
[ $# -eq 0 ] || [[ " $* " == *" sizes "* ]] && sizes=yes
[ ${#benches[@]} -gt 0 ] || [ $sizes = yes ] || { echo "bench: no benchmarks in tests/bench/" >&2; exit 1; }

# "BENCH name bytes B" lines for the gzipped images the examples boot
# from, and the part of go-httpd's that is Skiff's: its image less the Go
# binary it embeds, both gzipped alone.
image_sizes() {
	local app gz
	for app in hello httpd go-httpd; do
		make --no-print-directory APP=$app app > "$out/sizes-$app.log" 2>&1 ||
			{ echo "bench: building $app failed (see $out/sizes-$app.log)" >&2; return 1; }
		gz=$(stat -c %s "build/$app/$app.gz")
		echo "BENCH image_${app//-/}_gz $gz B"
	done
	echo "BENCH image_gohttpd_skiff_gz $((gz - $(gzip -9nc build/go-httpd/go-httpd.linux | wc -c))) B"
}

echo "== building ${#benches[@]} benchmark image(s)"
for b in "${benches[@]}"; do
	[ -f "$b/app.mk" ] || continue
	make --no-print-directory APP="$b" app || exit 1
done

rm -rf "$out" && mkdir -p "$out/jobs"
if [ $sizes = yes ]; then
	echo "== image sizes"
	image_sizes > "$out/sizes" || exit 1
fi
[ ${#benches[@]} -gt 0 ] && echo "== running them on the Xen test host"
for b in "${benches[@]}"; do
	n=$(basename "$b")
	mkdir -p "$out/jobs/$n"
	if [ -f "$b/app.mk" ]; then
		cp "build/$n/$n" "$out/jobs/$n/kernel" && cp "build/$n/$n.cfg" "$out/jobs/$n/guest.cfg" || exit 1
		[ -f "$b/dom0.sh" ] && cp "$b/dom0.sh" tests/guest/dom0lib.sh "$out/jobs/$n/"
		[ -f "$b/pre.sh" ] && cp "$b/pre.sh" "$out/jobs/$n/"
	fi
	if [ -x "$b/job.sh" ]; then
		"$b/job.sh" "$out/jobs/$n" || exit 1
		cp tests/guest/dom0lib.sh "$out/jobs/$n/"
	fi
	# More files for the job, one path a line, relative to the folder.
	[ -f "$b/files" ] && while read -r f; do
		case $f in '' | '#'*) continue ;; esac
		cp -RL "$b/$f" "$out/jobs/$n/" || exit 1
	done < "$b/files"
done
if [ ${#benches[@]} -gt 0 ]; then
	tools/testhost/testhost.sh run --timeout "${BENCH_TIMEOUT:-900}" "$out/results" "$out"/jobs/* || status=1
fi

# name value unit source, one per line.
for b in "${benches[@]}"; do
	n=$(basename "$b")
	for f in console.log dom0.log; do
		tr -d '\r' < "$out/results/$n/$f" 2> /dev/null |
			sed -n "s/^BENCH \([A-Za-z0-9_]*\) \([0-9.]*\) \(.*\)$/\1 \2 \3 $n\/${f%.log}/p"
	done
done > "$out/values"
[ -f "$out/sizes" ] && sed -n 's/^BENCH \([A-Za-z0-9_]*\) \([0-9.]*\) \(.*\)$/\1 \2 \3 make/p' "$out/sizes" >> "$out/values"

{
	echo "benchmark results ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1))"
	awk '{ printf "  %-28s %14s %-4s (%s)\n", $1, $2, $3, $4 }' "$out/values"
	while read -r a b; do
		case $a in '' | '#'*) continue ;; esac
		awk -v a="$a" -v b="$b" '$1 == a { x = $2 } $1 == b { y = $2 }
			END { if (x != "" && y > 0) printf "  ratio %s / %s = %.3f\n", a, b, x / y
			      else printf "  ratio %s / %s: missing\n", a, b }' "$out/values"
	done < tests/bench/ratios
} | tee "$out/results.txt"
for b in "${benches[@]}"; do
	n=$(basename "$b")
	st=$(cat "$out/results/$n/state" 2> /dev/null)
	[ "$st" = poweroff ] || { echo "bench: $n ended as '${st:-nothing}' (see $out/results/$n/)"; status=1; }
done
exit "${status:-0}"
