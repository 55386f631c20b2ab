#!/usr/bin/env bash
# Adds the Linux PV domU peer to netskiff's job (tools/bench.sh calls this
# with the job's folder): its kernel, ramdisk and xl config as
# linux-kernel, linux-ramdisk and linux.cfg, for dom0.sh to start next to
# the Skiff guest. 256 MiB like netskiff, static 169.254.3.10, netserve.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$here/../../../tools/testhost/linux-domu-job.sh" --ip 169.254.3.10/16 --serve 64 "$tmp/netlinux" 256 > /dev/null
mv "$tmp/netlinux/kernel" "$1/linux-kernel"
mv "$tmp/netlinux/ramdisk" "$1/linux-ramdisk"
sed -e 's|^kernel = .*|kernel = "linux-kernel"|' -e 's|^ramdisk = .*|ramdisk = "linux-ramdisk"|' \
	"$tmp/netlinux/guest.cfg" > "$1/linux.cfg"
