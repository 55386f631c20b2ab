#!/usr/bin/env bash
# Write an app's ramdisk: the tree under DIR as a newc cpio archive.
#   mkcpio.sh DIR OUT.cpio [GEN]
# The tree is copied to OUT's folder (OUT without .cpio, plus .files/),
# symbolic links followed; GEN, if given, then runs with that copy as its
# one argument to add generated files. The archive is reproducible: names
# sorted, one mtime for every entry, owner 0:0, modes 0644 and 0755
# (directories and files with an x bit), inode numbers from 1 up, no
# device numbers. The mtime is SOURCE_DATE_EPOCH (the reproducible-builds
# convention) when set, else 1 January 2000 00:00 UTC: never 0, because
# programs take a zero time for "unknown" (Go's http.ServeContent then
# sends no Last-Modified), where a file on Linux always has a real one.
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
mtime=${SOURCE_DATE_EPOCH:-946684800}
case $mtime in '' | *[!0-9]*)
	echo "mkcpio: SOURCE_DATE_EPOCH '$mtime' is not a number of seconds" >&2; exit 1 ;;
esac
find "$stage" -exec touch -h -d "@$mtime" {} +
(cd "$stage" && find . -print0 | LC_ALL=C sort -z |
	cpio --null --quiet -o -H newc -R 0:0 --reproducible) > "$out.tmp"
mv "$out.tmp" "$out"
