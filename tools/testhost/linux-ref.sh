#!/usr/bin/env bash
# A guest test's program run by the Debian Linux PV domU instead of Skiff:
# the reference a file-system test is checked against (its pre.sh,
# dom0.sh and check.sh unchanged), and a proof of the dom0 side of a test
# before Skiff can pass it. Writes BUILD/NAME/NAME.gz (the Linux kernel,
# named as tests/guest/run.sh looks for an image), NAME.cfg (the domU's
# config: its ramdisk NAME.cpio holds the program as /usr/local/bin/app)
# and NAME.cpio; then
#   SKIFF_BUILD=BUILD tests/guest/run.sh OUTDIR TESTDIR...
# runs them. The program: the Go ELF make embeds (build/NAME/NAME.linux),
# a MUSL_SRCS program (build/NAME/linux/NAME.musl.elf), or the app.mk's
# APP_SRCS compiled here with musl-gcc -static (POSIX C that newlib and
# musl both take). The domU mounts what the test's app.mk (APP_MOUNTS)
# and its boot options (mount= in APP_EXTRA, which override an entry of
# the same path) say, as ext4, runs the program, unmounts and powers off.
# Linux does not write Skiff's data/exit-code key: a check of the exit
# code fails in such a run, and says so.
#   tools/testhost/linux-ref.sh BUILD TESTDIR
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/../.." && pwd)
[ $# -eq 2 ] || { echo "usage: linux-ref.sh BUILD TESTDIR" >&2; exit 2; }
build=$1
test=$(cd "$2" && pwd)
name=$(basename "$test")
out=$build/$name
mkdir -p "$out"

# A variable of app.mk (one line, as the tests write them).
mkvar() { sed -n "s/^$1 *:= *//p" "$test/app.mk" | tail -n 1; }

elf=$out/app.elf
if [ -n "$(mkvar GO_MAIN)" ]; then
	cp "$top/build/$name/$name.linux" "$elf"
elif [ -n "$(mkvar MUSL_SRCS)" ]; then
	cp "$top/build/$name/linux/$name.musl.elf" "$elf"
else
	srcs=()
	for s in $(mkvar APP_SRCS); do srcs+=("$test/$s"); done
	musl-gcc -static -O2 -o "$elf" "${srcs[@]}"
fi

# The mounts: app.mk's, then the boot options' (a later PATH wins).
declare -A at=()
order=()
for m in $(mkvar APP_MOUNTS) $(mkvar APP_EXTRA | tr ' ' '\n' | sed -n 's/^mount=//p'); do
	p=${m#*:}
	p=${p%%:*}
	[ -n "${at[$p]:-}" ] || order+=("$p")
	at[$p]=$m
done
opts=()
for p in "${order[@]}"; do opts+=(--mount "${at[$p]}"); done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/linux-domu-job.sh" "${opts[@]}" --exec "$elf" "$name" "$tmp/$name" 256 > /dev/null
cp "$tmp/$name/kernel" "$out/$name.gz"
cp "$tmp/$name/ramdisk" "$out/$name.cpio"
sed "s|^ramdisk = .*|ramdisk = \"$name.cpio\"|" "$tmp/$name/guest.cfg" > "$out/$name.cfg"
echo "linux-ref: $out ($name on Linux, mounts: ${order[*]:-none})"
