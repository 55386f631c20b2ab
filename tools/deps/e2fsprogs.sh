#!/usr/bin/env bash
# Build libext2fs from Debian's `e2fsprogs` source package for Skiff's
# target (or for this machine, for the host tests), once, into the cache.
#   usage: e2fsprogs.sh SRC OUT "CFLAGS" [host]
# SRC: where the patched source tree goes (fetched and unpacked once,
#      shared by every build), with the headers Skiff generates once
#      (SRC/lib/ext2fs/ext2_types.h, ext2_err.h, crc32c_table.h).
# OUT: receives ext2fs.o, libext2fs and the com_err library it needs in
#      one relocatable object (the Makefile puts it into the ext4 unit of
#      libminios.a); with "host", libext2fs.a for the host tests instead.
#      A stamp marks it done.
# CFLAGS: the whole compiler command line except e2fsprogs' own include
#      folders (target flags and newlib's headers, or the host's flags).
# Skiff drives libext2fs through its own I/O manager (runtime/ext4_io.c),
# so the Unix, undo, sparse, qcow2 and test managers are left out, and so
# is everything that needs a process environment (mtab, /proc, sysfs).
set -euo pipefail

src=$1
out=$2
cflags=$3
mode=${4:-target}
pkg=e2fsprogs
version=1.47.0-2
here=$(cd "$(dirname "$0")" && pwd)

log() { echo "[deps] e2fsprogs $version${mode/target/}: $*" >&2; }
die() { echo "[deps] e2fsprogs: $*" >&2; exit 1; }

# as_root, fetch
# shellcheck source=tools/deps/apt-source.sh
. "$here/apt-source.sh"

# Unpack the orig tarball and apply Debian's patch series.
unpack() { # dir
	local dir=$1 tree p orig debian
	orig=("$dir/${pkg}"_*.orig.tar.*)
	debian=("$dir/${pkg}"_*.debian.tar.*)
	tar -C "$dir" -xf "${orig[0]}"
	tree=$(find "$dir" -mindepth 1 -maxdepth 1 -type d -name 'e2fsprogs-*' | head -n1)
	if [ -z "$tree" ] || [ ! -f "$tree/lib/ext2fs/ext2fs.h" ]; then
		die "no e2fsprogs-* tree in the orig tarball"
	fi
	rm -rf "$tree/debian"
	tar -C "$tree" -xf "${debian[0]}"
	if [ -f "$tree/debian/patches/series" ]; then
		while read -r p; do
			p=${p%%#*}
			[ -n "${p// /}" ] || continue
			patch -d "$tree" -p1 -s -N <"$tree/debian/patches/$p" >"$dir/patch.log" 2>&1 ||
				{ cat "$dir/patch.log" >&2; die "Debian's patch $p does not apply"; }
			log "applied patch $p"
		done <"$tree/debian/patches/series"
	fi
	echo "$tree"
}

# The headers configure and make would generate, made once in the tree:
# the fixed-size types (x86-64: int 4, short 2, long 8), the error tables
# (com_err's awk scripts over ext2_err.et) and the CRC32c tables (a host
# program of the package). The configuration (configure's lib/config.h)
# is Skiff's tools/deps/e2fsprogs/config.h, on the include path.
prepare_tree() { # tree
	local t=$1 e=$1/lib/ext2fs
	sed -e 's/@ASM_TYPES_HEADER@//' -e 's/@PUBLIC_CONFIG_HEADER@//' \
		-e 's/@SIZEOF_INT@/4/g' -e 's/@SIZEOF_SHORT@/2/g' \
		-e 's/@SIZEOF_LONG@/8/g' -e 's/@SIZEOF_LONG_LONG@/8/g' \
		"$e/ext2_types.h.in" >"$e/ext2_types.h"
	sed "s/@E2FSPROGS_VERSION@/${version%-*}/" "$e/ext2_err.et.in" >"$e/ext2_err.et"
	(cd "$e" &&
		awk -f ../et/et_h.awk outfile=ext2_err.h outfn=ext2_err.h ext2_err.et &&
		awk -f ../et/et_c.awk outfile=ext2_err.c outfn=ext2_err.c ext2_err.et)
	gcc -O2 -I"$t/lib" -o "$e/gen_crc32ctable" "$e/gen_crc32ctable.c"
	"$e/gen_crc32ctable" >"$e/crc32c_table.h"
	sed -e 's|@datadir@|/usr/share|' -e 's|@root_sysconfdir@|/etc|' \
		"$t/lib/dirpaths.h.in" >"$t/lib/dirpaths.h"
}

# The sources Skiff uses: all of libext2fs but the I/O managers of files
# and images, the Windows/DOS ones, tdb (undo files), the mount-table
# and device look-ups and the test programs; com_err's message tables.
sources() { # tree
	local e=$1/lib/ext2fs f
	for f in "$e"/*.c; do
		case ${f##*/} in
		tst_* | *_io.c | dosio.c | tdb*.c | qcow2.c | ismounted.c | \
			finddev.c | getsize.c | getsectsize.c | gen_crc32ctable.c | \
			imager.c | irel_ma.c | read_bb_file.c | write_bb_file.c | bmove.c | \
			dupfs.c | atexit.c | flushb.c | llseek.c | fiemap.c) ;;
		*) echo "$f" ;;
		esac
	done
	echo "$1/lib/et/error_message.c"
	echo "$1/lib/et/et_name.c"
	echo "$1/lib/et/init_et.c"
	echo "$1/lib/et/com_err.c"
}

get_source

[ -f "$out/.done" ] && exit 0
rm -rf "$out"
mkdir -p "$out/obj"
# A failed build leaves nothing behind.
trap 'rm -rf "$out"' EXIT
# Skiff's fixes to libext2fs (tools/deps/e2fsprogs/*.patch, against the
# tree above), applied to copies in OUT.
patched=$out/patched
files=$(patched_sources "$here/e2fsprogs")
log "compiling $(echo "$files" | wc -l) files"
compile() { # source
	local rel=${1#"$out"/patched/lib/} o
	rel=${rel#"$src"/lib/}
	o=$out/obj/${rel//\//_}
	# shellcheck disable=SC2086 # cflags is a list of words
	gcc $cflags -I"$here/e2fsprogs" -I"$src/lib" -I"$src/lib/ext2fs" \
		-c -o "${o%.c}.o" "$1" ||
		{ echo "[deps] e2fsprogs: compiling $rel failed" >&2; return 1; }
}
export -f compile
export src out cflags here
# shellcheck disable=SC2016 # $0 is expanded by the inner bash
echo "$files" | xargs -P "$(nproc)" -n 1 bash -c 'compile "$0"' ||
	die "the build failed"
objs=("$out"/obj/*.o)
if [ "$mode" = host ]; then
	ar rcs "$out/libext2fs.a" "${objs[@]}"
	log "built $out/libext2fs.a"
else
	ld -r -o "$out/ext2fs.o" "${objs[@]}"
	log "built $out/ext2fs.o"
fi
rm -rf "$out/obj" "$patched"
touch "$out/.done"
trap - EXIT
