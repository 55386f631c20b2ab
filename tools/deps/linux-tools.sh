#!/usr/bin/env bash
# Install, when missing, the Debian toolchain that builds an app's Linux
# binary (docs/linux-binaries.md): Go for GO_MAIN, musl-gcc for MUSL_SRCS.
# The versions are pinned here; when a pinned version can no longer be
# installed, the current candidate is taken with a WARNING naming both.
# An already installed package of another version is used as it is (with
# a note), so a machine's own Go is never replaced behind its back.
#   usage: linux-tools.sh go|musl
set -euo pipefail

GO_DEB=golang-1.19-go=1.19.8-2
MUSL_DEB=musl-tools=1.2.3-1

case "${1:-}" in
go) want=$GO_DEB tool=/usr/lib/go-1.19/bin/go ;;
musl) want=$MUSL_DEB tool=/usr/bin/musl-gcc ;;
*) echo "usage: $0 go|musl" >&2; exit 2 ;;
esac
pkg=${want%%=*} version=${want#*=}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else echo "[deps] need root or sudo to install $want" >&2; exit 1; fi
}

have=$(dpkg-query -W -f='${Status} ${Version}' "$pkg" 2>/dev/null || true)
if [[ $have == "install ok installed "* ]] && [ -x "$tool" ]; then
	[ "${have##* }" = "$version" ] ||
		echo "[deps] note: $pkg ${have##* } is installed (Skiff pins $version)" >&2
	exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "[deps] installing $want"
as_root apt-get update -q >/dev/null 2>&1 || echo "[deps] apt-get update failed; trying the install anyway" >&2
if ! as_root apt-get install -y -q --no-install-recommends "$want" >/dev/null 2>&1; then
	cand=$(apt-cache policy "$pkg" | sed -n 's/^ *Candidate: //p')
	[ -n "$cand" ] && [ "$cand" != "(none)" ] ||
		{ echo "[deps] cannot install $want, and apt knows no other version" >&2; exit 1; }
	echo "[deps] WARNING: $want cannot be installed; using $pkg $cand instead (update tools/deps/linux-tools.sh)" >&2
	as_root apt-get install -y -q --no-install-recommends "$pkg=$cand" >/dev/null
fi
[ -x "$tool" ] || { echo "[deps] $pkg installed but $tool is missing" >&2; exit 1; }
