#!/usr/bin/env bash
# Build newlib 3.3.0 from Debian's newlib-source for Skiff's target, once,
# into a cache keyed by the version and the compiler flags.
#   usage: newlib.sh PREFIX "TARGET_CFLAGS"
# PREFIX receives include/ and lib/{libc.a,libm.a}; a stamp file marks a
# finished build so an interrupted one is redone.
set -euo pipefail

prefix=$1
cflags=$2
tarball=/usr/src/newlib/newlib-3.3.0.tar.xz
target=x86_64-skiff-elf

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Skiff's headers (tools/deps/newlib/): sys/features.h includes
# sys/_skiff_features.h under __skiff__, before the other targets' blocks,
# and Skiff's own pthread types replace newlib's (docs/runtime.md).
patch_headers() { # newlib's libc/include/sys
	local f=$1/features.h
	grep -q '^/\* RTEMS adheres to POSIX' "$f" || { echo "newlib: no anchor in sys/features.h" >&2; exit 1; }
	awk '/^\/\* RTEMS adheres to POSIX/ && !done {
		print "#ifdef __skiff__"; print "#include <sys/_skiff_features.h>"
		print "#endif"; print ""; done = 1 } { print }' "$f" > "$f.new"
	mv "$f.new" "$f"
	cp "$here/newlib/skiff_features.h" "$1/_skiff_features.h"
	cp "$here/newlib/_pthreadtypes.h" "$1/_pthreadtypes.h"
}

# newlib's malloc fills a struct mallinfo of ints while its <malloc.h>
# gives apps one of size_t fields (the same on 32-bit targets, not here):
# make malloc's own declaration use size_t too.
patch_mallinfo() { # mallocr.c
	grep -q '^  int uordblks;' "$1" || { echo "newlib: no struct mallinfo in mallocr.c" >&2; exit 1; }
	sed -i '/^struct mallinfo {/,/^};/s/^  int /  size_t /' "$1"
}

[ -f "$prefix/.done" ] && exit 0
[ -f "$tarball" ] || { echo "newlib: $tarball missing (apt-get install newlib-source)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/skiff-newlib.XXXXXX")
trap 'rm -rf "$work"' EXIT
echo "[deps] newlib 3.3.0: unpacking"
tar -C "$work" -xf "$tarball"
src=$work/newlib-salsa
patch_headers "$src/newlib/libc/include/sys"
patch_mallinfo "$src/newlib/libc/stdlib/mallocr.c"
mkdir -p "$work/build"
cd "$work/build"
echo "[deps] newlib 3.3.0: configuring for $target"
"$src/newlib/configure" --host="$target" --target="$target" --build="$(gcc -dumpmachine)" \
	--prefix="$prefix" \
	--disable-multilib --disable-newlib-supplied-syscalls \
	--enable-newlib-retargetable-locking --enable-newlib-io-long-long \
	--enable-newlib-io-c99-formats --enable-newlib-mb \
	CC=gcc AR=ar RANLIB=ranlib AS=as LD=ld \
	CC_FOR_TARGET=gcc AR_FOR_TARGET=ar RANLIB_FOR_TARGET=ranlib \
	AS_FOR_TARGET=as LD_FOR_TARGET=ld \
	CFLAGS="$cflags" CFLAGS_FOR_TARGET="$cflags" >configure.log 2>&1 ||
	{ tail -30 configure.log >&2; exit 1; }
echo "[deps] newlib 3.3.0: building libc and libm (about a minute)"
make -j"$(nproc)" >build.log 2>&1 || { tail -40 build.log >&2; exit 1; }
rm -rf "$prefix"
make install >install.log 2>&1 || { tail -20 install.log >&2; exit 1; }
# newlib installs under PREFIX/TARGET; flatten to PREFIX/{include,lib}.
mv "$prefix/$target/include" "$prefix/include"
mv "$prefix/$target/lib" "$prefix/lib"
rmdir "$prefix/$target" 2>/dev/null || true
touch "$prefix/.done"
echo "[deps] newlib 3.3.0: installed in $prefix"
