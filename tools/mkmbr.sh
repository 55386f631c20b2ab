#!/usr/bin/env bash
# Write an MBR (DOS partition table) with one partition into the first
# sector of a disk image, leaving the rest of the image as it is.
#   mkmbr.sh IMAGE START_LBA SECTORS SIGNATURE_HEX
# The partition is the first entry: bootable (0x80), type 0x83 (Linux),
# from START_LBA for SECTORS sectors of 512 bytes, its CHS fields for the
# 255-head, 63-sector geometry every partitioning tool assumes (capped at
# cylinder 1023 as they do). Bytes 440-443 are the disk signature: the
# first 8 hex digits of SIGNATURE_HEX (Linux shows it in PARTUUIDs).
# No boot code: Xen's PV loaders read the table, never run the sector.
set -euo pipefail

die() { echo "mkmbr: $*" >&2; exit 1; }
[ $# -eq 4 ] || die "usage: mkmbr.sh IMAGE START_LBA SECTORS SIGNATURE_HEX"
img=$1 start=$2 count=$3 sig=${4//-/}
[[ $start =~ ^[1-9][0-9]*$ && $count =~ ^[1-9][0-9]*$ ]] || die "START_LBA and SECTORS must be positive numbers"
[[ $sig =~ ^[0-9a-fA-F]{8} ]] || die "SIGNATURE_HEX must start with 8 hex digits"
((start + count <= 0xffffffff)) || die "the partition must end below 2 TiB (32-bit sector numbers)"
(($(stat -c %s "$img") >= (start + count) * 512)) || die "$img is smaller than the partition"

# Bytes given as numbers 0-255, written as themselves.
bytes() {
	local b
	for b in "$@"; do
		# shellcheck disable=SC2059 # the format is the byte itself
		printf "\\$(printf '%03o' "$b")"
	done
}

le32() { bytes $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)); }

# A sector number as CHS: head, sector (with the cylinder's top two
# bits), cylinder's low eight bits.
chs() {
	local c=$(($1 / (255 * 63))) h=$(($1 / 63 % 255)) s=$(($1 % 63 + 1))
	((c <= 1023)) || c=1023 h=254 s=63
	bytes "$h" $((s | (c >> 2 & 0xc0))) $((c & 255))
}

{
	head -c 440 /dev/zero
	bytes $((16#${sig:6:2})) $((16#${sig:4:2})) $((16#${sig:2:2})) $((16#${sig:0:2}))
	bytes 0 0
	bytes 0x80
	chs "$start"
	bytes 0x83
	chs $((start + count - 1))
	le32 "$start"
	le32 "$count"
	head -c 48 /dev/zero
	bytes 0x55 0xaa
} > "$img.mbr"
[ "$(stat -c %s "$img.mbr")" -eq 512 ] || { rm -f "$img.mbr"; die "internal error: the MBR is not 512 bytes"; }
dd if="$img.mbr" of="$img" bs=512 count=1 conv=notrunc status=none
rm -f "$img.mbr"
