#!/usr/bin/env bash
# Adds the Linux PV domU peer to gopreempt's job (tools/bench.sh calls this
# with the job's folder): the gopreempt ELF embedded in the Skiff image,
# run by the domU's /init as `app 80` on 169.254.32.10, 256 MiB like the
# Skiff guest, as linux-kernel, linux-ramdisk and linux.cfg. dom0.sh
# starts it, and a copy with preemption off.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../../..
elf=$top/build/gopreempt/linux/gopreempt.go.elf
[ -f "$elf" ] || { echo "gopreempt/job.sh: no $elf (build the app first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$top/tools/testhost/linux-domu-job.sh" --ip 169.254.32.10/16 --exec "$elf" 80 "$tmp/gplinux" 256 > /dev/null
mv "$tmp/gplinux/kernel" "$1/linux-kernel"
mv "$tmp/gplinux/ramdisk" "$1/linux-ramdisk"
sed -e 's|^kernel = .*|kernel = "linux-kernel"|' -e 's|^ramdisk = .*|ramdisk = "linux-ramdisk"|' \
	"$tmp/gplinux/guest.cfg" > "$1/linux.cfg"
