#!/usr/bin/env bash
# Adds the Linux PV domU peer to goskiff's job (tools/bench.sh calls this
# with the job's folder): the same go-httpd ELF that is embedded in the
# Skiff image, run by the domU's /init as `app 80` on 169.254.30.10, with
# 256 MiB like goskiff: linux-kernel, linux-ramdisk and linux.cfg, which
# dom0.sh starts, and also restarts at other memory sizes. saveskiff's
# job.sh runs this with BENCH_APP, BENCH_IP and BENCH_MIB of its own.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$here/../../..
app=${BENCH_APP:-goskiff}
elf=$top/build/$app/linux/$app.go.elf
[ -f "$elf" ] || { echo "$app/job.sh: no $elf (build the app first)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$top/tools/testhost/linux-domu-job.sh" --ip "${BENCH_IP:-169.254.30.10}/16" --exec "$elf" 80 "$tmp/golinux" "${BENCH_MIB:-256}" > /dev/null
mv "$tmp/golinux/kernel" "$1/linux-kernel"
mv "$tmp/golinux/ramdisk" "$1/linux-ramdisk"
sed -e 's|^kernel = .*|kernel = "linux-kernel"|' -e 's|^ramdisk = .*|ramdisk = "linux-ramdisk"|' \
	"$tmp/golinux/guest.cfg" > "$1/linux.cfg"
