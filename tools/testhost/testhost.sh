#!/usr/bin/env bash
# The Xen test host: Xen 4.17 and a Debian 12 Linux dom0 (busybox
# initramfs) booted in QEMU (software emulation, no network), built from
# Debian packages into ${SKIFF_CACHE:-~/.cache/skiff}/testhost without
# installing them here. docs/testhost.md describes it.
#   testhost.sh prepare            fetch and build the cache (idempotent)
#   testhost.sh run [--stream] [--timeout SECONDS] OUTDIR JOBDIR...
#                                  boot once, xl create each job in turn
#   testhost.sh shell [JOBDIR...]  boot to an interactive dom0 shell
set -uo pipefail

TH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TH_CACHE=${SKIFF_CACHE:-$HOME/.cache/skiff}/testhost

th_log() { echo "[testhost] $*" >&2; }
th_die() {
	echo "[testhost] error: $*" >&2
	exit 1
}

# shellcheck source=tools/testhost/versions.sh
. "$TH_DIR/versions.sh"
# shellcheck source=tools/testhost/prepare.sh
. "$TH_DIR/prepare.sh"
# shellcheck source=tools/testhost/hostrun.sh
. "$TH_DIR/hostrun.sh"

# An interactive boot for debugging: the jobs are in /jobs, not run.
th_shell() {
	local out
	out=$(mktemp -d /tmp/skiff-testhost-shell.XXXXXX)
	if [ $# -eq 0 ]; then
		"$TH_DIR/linux-domu-job.sh" "$out/linux-domu" || exit 1
		set -- "$out/linux-domu"
	fi
	TH_RUN_MODE=shell th_run "$out/results" "$@"
	rm -rf "$out"
}

case ${1:-} in
prepare)
	th_prepare
	th_log "ready: $TH_CACHE"
	;;
run)
	shift
	th_run "$@"
	;;
shell)
	shift
	th_shell "$@"
	;;
*)
	sed -n '2,9s/^# \{0,1\}//p' "$0" >&2
	exit 2
	;;
esac
