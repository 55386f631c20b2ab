#!/usr/bin/env bash
# Install, when missing, the Debian toolchain that builds an app's Linux
# binary (docs/linux-binaries.md): Go for GO_MAIN, musl-gcc for MUSL_SRCS.
# The versions are pinned here; when a pinned version can no longer be
# installed, the current candidate is taken with a WARNING naming both.
# An already installed package of another version is used as it is (with
# a note), so a machine's own Go is never replaced behind its back.
#   usage: linux-tools.sh go [GO_VERSION] | musl | go-versions
# "go-versions" prints the Go versions Skiff knows (the first is the
# default), for the Makefile's GO_VERSION check.
set -euo pipefail

MUSL_DEB=musl-tools=1.2.3-1
# Go: GO_VERSION, the Debian package pinned, and the suite it comes from.
# 1.19 is Debian 12's own; the newer ones come from bookworm-backports,
# which the machine's apt sources need not name (see backports_apt).
GO_PINS=(
	"1.19 golang-1.19-go=1.19.8-2 bookworm"
	"1.21 golang-1.21-go=1.21.13-1~bpo12+1 bookworm-backports"
	"1.22 golang-1.22-go=1.22.12-3~bpo12+1 bookworm-backports"
	"1.23 golang-1.23-go=1.23.5-1~bpo12+1 bookworm-backports"
)
BACKPORTS_URI=http://deb.debian.org/debian
BACKPORTS_KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
SKIFF_CACHE=${SKIFF_CACHE:-$HOME/.cache/skiff}

die() { echo "[deps] $*" >&2; exit 1; }

go_versions() {
	local p
	for p in "${GO_PINS[@]}"; do printf '%s ' "${p%% *}"; done | sed 's/ $//'
	echo
}

# Sets want, tool and suite for one Go version.
go_pin() { # version
	local p v
	for p in "${GO_PINS[@]}"; do
		read -r v want suite <<<"$p"
		if [ "$v" = "$1" ]; then
			tool=/usr/lib/go-$v/bin/go
			return 0
		fi
	done
	die "unknown GO_VERSION '$1' (Skiff knows: $(go_versions))"
}

suite=
case "${1:-}" in
go-versions) go_versions; exit 0 ;;
go) go_pin "${2:-1.19}" ;;
musl) want=$MUSL_DEB tool=/usr/bin/musl-gcc ;;
*) echo "usage: $0 go [GO_VERSION] | musl | go-versions" >&2; exit 2 ;;
esac
pkg=${want%%=*} version=${want#*=}

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"
	elif command -v sudo >/dev/null; then sudo "$@"
	else die "need root or sudo to install $want"; fi
}

# One run at a time (builds of several apps, several people): the next
# waits, then finds the package installed.
mkdir -p "$SKIFF_CACHE"
exec 9>"$SKIFF_CACHE/linux-tools.lock"
flock 9

have=$(dpkg-query -W -f='${Status} ${Version}' "$pkg" 2>/dev/null || true)
if [[ $have == "install ok installed "* ]] && [ -x "$tool" ]; then
	[ "${have##* }" = "$version" ] ||
		echo "[deps] note: $pkg ${have##* } is installed (Skiff pins $version)" >&2
	exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=()

# Backports through a private apt configuration in the cache: its own
# source list (only the backports suite of Debian's archive), package
# lists and caches, so the machine's /etc/apt and its apt state stay as
# they are. The packages' dependencies are the same version's
# golang-1.2x-src (also from backports) and libraries every Debian 12 has
# installed, so the one suite is enough. dpkg records the install as
# usual; the machine's own `apt-get upgrade` never sees backports.
backports_apt() {
	local apt=$SKIFF_CACHE/apt-backports
	mkdir -p "$apt/parts" "$apt/lists/partial"
	cat >"$apt/parts/backports.sources" <<-EOF
		Types: deb
		URIs: $BACKPORTS_URI
		Suites: bookworm-backports
		Components: main
		Signed-By: $BACKPORTS_KEYRING
	EOF
	apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt/parts"
		-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache::pkgcache=$apt/pkgcache.bin"
		-o "Dir::Cache::srcpkgcache=$apt/srcpkgcache.bin")
	echo "[deps] refreshing the private bookworm-backports list ($apt)"
	as_root apt-get "${apt_opts[@]}" update -q >"$apt/update.log" 2>&1 ||
		{ tail -5 "$apt/update.log" >&2; die "apt-get update of bookworm-backports failed"; }
}

# The packages to install for version $1 of $pkg: a Go package is named
# with its -src package of the same version, so that apt takes both from
# the same suite.
packages() { # version
	echo "$pkg=$1"
	case $pkg in golang-*-go) echo "${pkg%-go}-src=$1" ;; esac
}

echo "[deps] installing $want${suite:+ (from $suite)}"
if [ "$suite" = bookworm-backports ]; then
	backports_apt
else
	as_root apt-get update -q >/dev/null 2>&1 || echo "[deps] apt-get update failed; trying the install anyway" >&2
fi
# shellcheck disable=SC2046 # one package a word
if ! as_root apt-get "${apt_opts[@]}" install -y -q --no-install-recommends \
	$(packages "$version") >/dev/null 2>&1; then
	cand=$(apt-cache "${apt_opts[@]}" policy "$pkg" | sed -n 's/^ *Candidate: //p')
	[ -n "$cand" ] && [ "$cand" != "(none)" ] ||
		die "cannot install $want, and apt knows no other version"
	echo "[deps] WARNING: $want cannot be installed; using $pkg $cand instead (update tools/deps/linux-tools.sh)" >&2
	# shellcheck disable=SC2046 # one package a word
	as_root apt-get "${apt_opts[@]}" install -y -q --no-install-recommends \
		$(packages "$cand") >/dev/null
fi
[ -x "$tool" ] || die "$pkg installed but $tool is missing"
