#!/usr/bin/env bash
# Adds the Linux PV domU peer to the syscall benchmark's job (tools/bench.sh
# calls this with the job's folder): the sysbench ELF embedded in the Skiff
# image, run by the domU's /init as `app linux` on 169.254.31.10 (its
# output goes to the domU's console), as linux-kernel, linux-ramdisk and
# linux.cfg (name syslinux, 256 MiB), which dom0.sh starts.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../../..
elf=$top/build/syscall/linux/syscall.musl.elf
[ -f "$elf" ] || { echo "syscall/job.sh: no $elf (build the app first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$top/tools/testhost/linux-domu-job.sh" --ip 169.254.31.10/16 --exec "$elf" linux "$tmp/syslinux" 256 > /dev/null
mv "$tmp/syslinux/kernel" "$1/linux-kernel"
mv "$tmp/syslinux/ramdisk" "$1/linux-ramdisk"
sed -e 's|^kernel = .*|kernel = "linux-kernel"|' -e 's|^ramdisk = .*|ramdisk = "linux-ramdisk"|' \
	"$tmp/syslinux/guest.cfg" > "$1/linux.cfg"
