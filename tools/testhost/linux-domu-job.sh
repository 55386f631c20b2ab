#!/usr/bin/env bash
# Writes a test-host job for a Debian Linux PV domU: dom0's own kernel with
# a tiny busybox initramfs whose /init prints "linux-domU up" on hvc0 and
# powers off. It is the peer Skiff's start-up time is compared with.
#   linux-domu-job.sh JOBDIR [MEMORY_MB=256]
# (Linux needs about 256 MB as a PV domU here; at 128 MB it crashed early.)
set -euo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${SKIFF_CACHE:-$HOME/.cache/skiff}/testhost
job=${1:?usage: linux-domu-job.sh JOBDIR [MEMORY_MB]}
memory=${2:-256}
[[ $memory =~ ^[0-9]+$ ]] || { echo "linux-domu-job: MEMORY_MB must be a number" >&2; exit 2; }
name=$(basename "$job")
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || { echo "linux-domu-job: bad job name '$name'" >&2; exit 2; }

"$dir/testhost.sh" prepare
mkdir -p "$job"
cp "$cache/vmlinuz" "$job/kernel"
cp "$cache/domu.cpio.gz" "$job/ramdisk"
cat > "$job/guest.cfg" <<CFG
# Debian Linux PV domU (busybox initramfs): prints "linux-domU up", powers off.
type = "pv"
name = "$name"
kernel = "kernel"
ramdisk = "ramdisk"
memory = $memory
vcpus = 1
extra = "console=hvc0 quiet"
on_poweroff = "destroy"
on_crash = "preserve"
CFG
