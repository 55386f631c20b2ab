#!/usr/bin/env bash
# Adds the Linux PV domU peer to fsskiff's job (tools/bench.sh calls this
# with the job's folder): the fsbench ELF embedded in the Skiff image,
# run by the domU's /init as `app linux` with xvda mounted (ext4) at
# /data, as linux-kernel, linux-ramdisk and linux.cfg (name fslinux, 256
# MiB like fsskiff), for dom0.sh to start once Skiff is done. pre.sh
# gives each its own copy of the image.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../../..
elf=$top/build/fsskiff/linux/fsskiff.musl.elf
[ -f "$elf" ] || { echo "fsskiff/job.sh: no $elf (build the app first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$top/tools/testhost/linux-domu-job.sh" --mount xvda:/data --exec "$elf" linux "$tmp/fslinux" 256 > /dev/null
mv "$tmp/fslinux/kernel" "$1/linux-kernel"
mv "$tmp/fslinux/ramdisk" "$1/linux-ramdisk"
sed -e 's|^kernel = .*|kernel = "linux-kernel"|' -e 's|^ramdisk = .*|ramdisk = "linux-ramdisk"|' \
	"$tmp/fslinux/guest.cfg" > "$1/linux.cfg"
