#!/usr/bin/env bash
# Writes a test-host job for a Debian Linux PV domU: dom0's own kernel with
# a tiny busybox initramfs (tools/testhost/domu/init). Without options its
# /init prints "linux-domU up" on hvc0 and powers off: the peer Skiff's
# start-up time is compared with. With options it is the network peer of
# Skiff's network tests and benchmarks: one vif on xenbr0 and
#   --ip ADDR/PREFIX   a static address on eth0, or
#   --dhcp             an address from udhcpc (a DHCP server must run),
#   --serve MIB        netserve's echo (7), http (80), sink (5001) and
#                      source of MIB MiB (5002), until `xl shutdown`.
#   --blkbench MIB     no network: measure the disk xvda (a disk = line
#                      must be added to the config) with dd and randread,
#                      print "linux-blk ..." lines, power off (domu/init)
#   --exec BINARY ARG  a static program run as `app ARG` once the network
#                      is up (added to the ramdisk as /usr/local/bin/app,
#                      a second cpio archive); with --ip or --dhcp, else
#                      in the foreground, after the mounts, then power off
#   --mount DEV:PATH[:ro]  (repeatable) mount the ext4 disk DEV at PATH
#                      (read-only with :ro) before the app runs; the
#                      disks themselves are the config's disk = line
#   --dom0 FILE        copy FILE into the job as its dom0.sh
#   linux-domu-job.sh [OPTIONS] JOBDIR [MEMORY_MB=256]
# (256 MB is the default; tests/bench/goskiff found 112 MiB the least that
# boots this domU and serves with its Go program, 96 MiB too little.)
set -euo pipefail

dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cache=${SKIFF_CACHE:-$HOME/.cache/skiff}/testhost
usage() {
	echo "usage: linux-domu-job.sh [--ip ADDR/PREFIX | --dhcp] [--serve MIB] [--exec BINARY ARG] [--blkbench MIB] [--mount DEV:PATH[:ro]]... [--dom0 FILE] JOBDIR [MEMORY_MB]" >&2
	exit 2
}
opts='' vif=0 bench=0 dom0='' exe=''
while [ $# -gt 0 ]; do
	case $1 in
	--ip)
		[[ ${2:-} =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/[0-9]+$ ]] ||
			{ echo "linux-domu-job: --ip wants ADDR/PREFIX" >&2; exit 2; }
		opts+=" skiff.ip=$2" vif=1
		shift 2
		;;
	--dhcp) opts+=" skiff.dhcp=1" vif=1 && shift ;;
	--serve)
		[[ ${2:-} =~ ^[0-9]+$ ]] || { echo "linux-domu-job: --serve wants MiB" >&2; exit 2; }
		opts+=" skiff.serve=$2"
		shift 2
		;;
	--blkbench)
		[[ ${2:-} =~ ^[0-9]+$ ]] || { echo "linux-domu-job: --blkbench wants MiB" >&2; exit 2; }
		opts+=" skiff.blkbench=$2" bench=1
		shift 2
		;;
	--exec)
		[ -f "${2:-}" ] || { echo "linux-domu-job: --exec wants an existing BINARY" >&2; exit 2; }
		[[ ${3:-} =~ ^[A-Za-z0-9._/=:-]+$ ]] ||
			{ echo "linux-domu-job: --exec wants ARG (one word)" >&2; exit 2; }
		exe=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
		opts+=" skiff.exec=$3"
		shift 3
		;;
	--mount)
		[[ ${2:-} =~ ^xvd[a-z]+:/[A-Za-z0-9._/-]*(:ro)?$ ]] ||
			{ echo "linux-domu-job: --mount wants DEV:PATH[:ro]" >&2; exit 2; }
		opts+=" skiff.mount=$2" bench=1
		shift 2
		;;
	--dom0) dom0=${2:?} && shift 2 ;;
	-*) usage ;;
	*) break ;;
	esac
done
job=${1:-}
[ -n "$job" ] || usage
memory=${2:-256}
[[ $memory =~ ^[0-9]+$ ]] || { echo "linux-domu-job: MEMORY_MB must be a number" >&2; exit 2; }
name=$(basename "$job")
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || { echo "linux-domu-job: bad job name '$name'" >&2; exit 2; }

"$dir/testhost.sh" prepare
mkdir -p "$job"
cp "$cache/vmlinuz" "$job/kernel"
if [ -z "$exe" ]; then
	cp "$cache/domu.cpio.gz" "$job/ramdisk"
else
	# Linux unpacks cpio archives that follow each other in one
	# compressed stream (a second gzip stream appended was ignored here).
	x=$(mktemp -d)
	mkdir -p "$x/usr/local/bin"
	cp "$exe" "$x/usr/local/bin/app"
	(zcat "$cache/domu.cpio.gz" &&
		cd "$x" && find usr | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
		gzip -1n > "$job/ramdisk"
	rm -rf "$x"
fi
[ -z "$dom0" ] || cp "$dom0" "$job/dom0.sh"
{
	if [ $bench = 1 ]; then
		echo "# Debian Linux PV domU (busybox initramfs): the storage peer (domu/init)."
	elif [ $vif = 1 ]; then
		echo "# Debian Linux PV domU (busybox initramfs): the network peer (domu/init)."
	else
		echo '# Debian Linux PV domU (busybox initramfs): prints "linux-domU up", powers off.'
	fi
	cat <<CFG
type = "pv"
name = "$name"
kernel = "kernel"
ramdisk = "ramdisk"
memory = $memory
vcpus = 1
extra = "console=hvc0 quiet$opts"
on_poweroff = "destroy"
on_crash = "preserve"
CFG
	[ $vif = 0 ] || echo "vif = [ 'bridge=xenbr0' ]"
} > "$job/guest.cfg"
