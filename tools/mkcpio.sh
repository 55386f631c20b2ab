#!/usr/bin/env bash
# Write an app's ramdisk: the tree under DIR as a newc cpio archive.
#   mkcpio.sh DIR OUT.cpio [GEN]
# The tree is copied to OUT's folder (OUT without .cpio, plus .files/),
# symbolic links followed; GEN, if given, then runs with that copy as its
# one argument to add generated files. The archive is reproducible: names
# sorted, every mtime 0, owner 0:0, modes 0644 and 0755 (directories and
# files with an x bit), inode numbers from 1 up, no device numbers.
set -euo pipefail

dir=$1 out=$2 gen=${3:-}
[ -d "$dir" ] || { echo "mkcpio: APP_FILES '$dir' is not a folder" >&2; exit 1; }
stage=${out%.cpio}.files
rm -rf "$stage"
mkdir -p "$stage"
cp -RL "$dir/." "$stage/"
if [ -n "$gen" ]; then
	[ -x "$gen" ] || { echo "mkcpio: APP_FILES_GEN '$gen' is not an executable file" >&2; exit 1; }
	"$gen" "$stage" || { echo "mkcpio: APP_FILES_GEN '$gen' failed" >&2; exit 1; }
fi
chmod -R u=rwX,go=rX "$stage"
find "$stage" -exec touch -h -d @0 {} +
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null --quiet -o -H newc -R 0:0 --reproducible) > "$out.tmp"
mv "$out.tmp" "$out"
