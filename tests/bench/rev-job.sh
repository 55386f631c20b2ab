#!/usr/bin/env bash
# The "against another revision" benchmarks' job step (tests/bench/goab
# calls it from its job.sh): builds benchmark NAME's app, with today's
# tests/bench/NAME, from git revision BENCH_REV (default HEAD: then the
# run compares the work tree with its last commit, or with itself, which
# shows the noise) in a work tree of its own, build/bench-rev/COMMIT,
# kept for the next run, and puts its kernel into JOBDIR as rev-kernel,
# with rev.cfg: the job's guest.cfg naming that kernel, and rev.env
# for dom0.sh: REV (the revision and its commit) and ROUNDS (BENCH_ROUNDS,
# default 8). The revision's own kernel, drivers and runtime; this
# checkout's app and settings.
#   tests/bench/rev-job.sh NAME JOBDIR
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: tests/bench/rev-job.sh NAME JOBDIR" >&2; exit 2; }
top=$(cd "$(dirname "$0")/../.." && pwd)
name=$1 job=$2
rev=${BENCH_REV:-HEAD}
git -C "$top" rev-parse --git-dir > /dev/null 2>&1 ||
	{ echo "$name: BENCH_REV needs a git checkout ($top is not one)" >&2; exit 1; }
commit=$(git -C "$top" rev-parse --verify --quiet "$rev^{commit}") ||
	{ echo "$name: BENCH_REV=$rev is not a commit here" >&2; exit 1; }
wt=$top/build/bench-rev/$commit
git -C "$top" worktree prune
if [ ! -d "$wt" ]; then
	echo "$name: a work tree of $rev ($commit) in build/bench-rev/" >&2
	git -C "$top" worktree add --detach "$wt" "$commit" > /dev/null
fi
# Today's app folder, whatever the revision had.
rm -rf "$wt/tests/bench/$name"
cp -R "$top/tests/bench/$name" "$wt/tests/bench/$name"
echo "$name: building its app at $rev ($(git -C "$top" log -1 --format='%h %s' "$commit" | cut -c1-60))" >&2
make --no-print-directory -C "$wt" APP="tests/bench/$name" app >&2 ||
	{ echo "$name: building at $rev failed" >&2; exit 1; }
cp "$wt/build/$name/$name" "$job/rev-kernel"
sed -e 's|^kernel = .*|kernel = "rev-kernel"|' "$job/guest.cfg" > "$job/rev.cfg"
rounds=${BENCH_ROUNDS:-8}
[[ $rounds =~ ^[1-9][0-9]{0,2}$ ]] || { echo "$name: BENCH_ROUNDS=$rounds is not a count of 1 to 999" >&2; exit 1; }
printf 'REV="%s %s"\nROUNDS=%s\n' "$rev" "$commit" "$rounds" > "$job/rev.env"
