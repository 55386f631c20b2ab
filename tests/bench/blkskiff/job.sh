#!/usr/bin/env bash
# Adds the Linux PV domU peer to blkskiff's job (tools/bench.sh calls this
# with the job's folder): its kernel, ramdisk and xl config as
# linux-kernel, linux-ramdisk and linux.cfg (name blklinux, 256 MiB like
# blkskiff, skiff.blkbench=128), for dom0.sh to start once Skiff is done.
# pre.sh gives each its own disk.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/../../../tools/testhost/linux-domu-job.sh" --blkbench 128 "$tmp/blklinux" 256 > /dev/null
mv "$tmp/blklinux/kernel" "$1/linux-kernel"
mv "$tmp/blklinux/ramdisk" "$1/linux-ramdisk"
sed -e 's|^kernel = .*|kernel = "linux-kernel"|' -e 's|^ramdisk = .*|ramdisk = "linux-ramdisk"|' \
	"$tmp/blklinux/guest.cfg" > "$1/linux.cfg"
