#!/usr/bin/env bash
# Build lwIP 2.1.3 from Debian's `lwip` source package for Skiff's target,
# once, into the cache.
#   usage: lwip.sh SRC OUT "CFLAGS"
# SRC: where the patched source tree goes (fetched and unpacked once,
#      shared by every build; SRC/src/include is lwIP's include folder).
# OUT: receives lwip.o, all of lwIP's objects in one relocatable object
#      that the Makefile puts into the net unit of libminios.a; a stamp
#      marks it done.
# CFLAGS: the whole compiler command line for lwIP's files except lwIP's
#      own include folder (target flags, newlib, net/include).
# The source package comes through a private apt configuration (a deb-src
# copy of the system's sources), so the system's apt state stays as it is.
set -euo pipefail

src=$1
out=$2
cflags=$3
pkg=lwip
version=2.1.3+dfsg1-2
here=$(cd "$(dirname "$0")" && pwd)

log() { echo "[deps] lwip $version: $*" >&2; }
die() { echo "[deps] lwip: $*" >&2; exit 1; }

# as_root, fetch
# shellcheck source=tools/deps/apt-source.sh
. "$here/apt-source.sh"

# Unpack the orig tarball and apply Debian's patch series. Patches that
# only concern the unix port or the cmake build may fail to apply: they
# are skipped with a note, since Skiff builds neither.
unpack() { # dir
	local dir=$1 tree p files orig debian
	orig=("$dir/${pkg}"_*.orig.tar.*)
	debian=("$dir/${pkg}"_*.debian.tar.*)
	tar -C "$dir" -xf "${orig[0]}"
	tar -C "$dir" -xf "${debian[0]}"
	tree=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'lwip-*' | head -n1)
	if [ -z "$tree" ] || [ ! -d "$tree/src/include/lwip" ]; then
		die "no lwip-* tree in the orig tarball"
	fi
	mv "$dir/debian" "$tree/debian"
	while read -r p; do
		p=${p%%#*}
		[ -n "${p// /}" ] || continue
		if patch -d "$tree" -p1 -s -N <"$tree/debian/patches/$p" >"$dir/patch-$p.log" 2>&1; then
			log "applied patch $p"
			continue
		fi
		files=$(sed -n 's|^+++ b/||p' "$tree/debian/patches/$p" | grep -v -E '^(port/|CMakeLists|lib/|.*\.cmake$)' || true)
		[ -z "$files" ] || { cat "$dir/patch-$p.log" >&2; die "patch $p does not apply and touches $files"; }
		log "skipped patch $p (unix port / cmake only; does not apply)"
	done <"$tree/debian/patches/series"
	echo "$tree"
}

# The sources Skiff uses: core, IPv4, IPv6, the sequential and socket API,
# Ethernet. (PPP, SLIP, 6LoWPAN and the apps are left out.)
sources() { # tree
	local t=$1/src
	ls "$t"/core/*.c "$t"/core/ipv4/*.c "$t"/core/ipv6/*.c "$t"/api/*.c \
		"$t"/netif/ethernet.c
}

get_source

[ -f "$out/.done" ] && exit 0
rm -rf "$out"
mkdir -p "$out/obj"
# A failed build leaves nothing behind.
trap 'rm -rf "$out"' EXIT
# Skiff's own changes to lwIP (tools/deps/lwip/*.patch, against the tree
# above), applied to copies in OUT.
patched=$out/patched
files=$(patched_sources "$here/lwip")
log "compiling $(echo "$files" | wc -l) files"
# One object per source, named after its path (core/ipv4/ip4.c ->
# core_ipv4_ip4.o), compiled on every core.
compile() { # source
	local rel=${1#"$out"/patched/src/} o
	rel=${rel#"$src"/src/}
	o=$out/obj/${rel//\//_}
	# shellcheck disable=SC2086 # cflags is a list of words
	gcc $cflags -I"$src/src/include" -c -o "${o%.c}.o" "$1" ||
		{ echo "[deps] lwip: compiling $rel failed" >&2; return 1; }
}
export -f compile
export src out cflags
# shellcheck disable=SC2016 # $0 is expanded by the inner bash
echo "$files" | xargs -P "$(nproc)" -n 1 bash -c 'compile "$0"' ||
	die "the build failed"
objs=("$out"/obj/*.o)
ld -r -o "$out/lwip.o" "${objs[@]}"
rm -rf "$out/obj" "$patched"
touch "$out/.done"
trap - EXIT
log "built $out/lwip.o"
