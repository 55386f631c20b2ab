#!/usr/bin/env bash
# Write a bootable raw disk image of an app for hosts that boot PV guests
# from the guest's own disk (docs/images.md): an ext2 file system with the
# gzipped kernel, the ramdisk, /boot/grub/grub.cfg for pvgrub2 (GRUB's
# x86_64-xen platform) and /boot/grub/menu.lst for PV-GRUB (GRUB legacy,
# EC2's AKIs), both booting the kernel with the app's command line.
#   mkimage.sh [--ramdisk=FILE] [--layout=disk|part] [--size=MIB] [--grub-cfg=FILE]
#              NAME KERNEL "EXTRA" OUT
# disk: the file system fills the whole disk (PV-GRUB's hd0); part: it
# fills the first partition of an MBR, from 1 MiB on (hd0,0, "hd00").
# MIB: the image's size; by default the least that holds the files.
# --grub-cfg: the app's own grub.cfg instead of the one written here.
# Uses only e2fsprogs' mke2fs -d: no root, no loop device, no mount.
set -euo pipefail

die() { echo "mkimage: $*" >&2; exit 1; }

ramdisk= layout=disk size= grubcfg=
while [ $# -gt 0 ]; do
	case "$1" in
	--ramdisk=*) ramdisk=${1#--ramdisk=} ;;
	--layout=*) layout=${1#--layout=} ;;
	--size=*) size=${1#--size=} ;;
	--grub-cfg=*) grubcfg=${1#--grub-cfg=} ;;
	--*) die "unknown option '$1'" ;;
	*) break ;;
	esac
	shift
done
[ $# -eq 4 ] || die "usage: mkimage.sh [--ramdisk=FILE] [--layout=disk|part] [--size=MIB] [--grub-cfg=FILE] NAME KERNEL EXTRA OUT"
name=$1 kernel=$2 extra=$3 out=$4
case "$layout" in
disk | part) ;;
*) die "IMAGE_LAYOUT must be disk or part, not '$layout'" ;;
esac
case "$size" in
'') ;;
*[!0-9]* | 0*) die "IMAGE_SIZE must be a whole number of MiB, not '$size'" ;;
esac
[[ $name =~ ^[A-Za-z0-9._+-]+$ ]] || die "the app's name '$name' must be letters, digits and ._+- (it names a file in the image)"
# The same limits as the xl config's extra= (tools/mkcfg.sh); a newline
# would end the menu line.
case "$extra" in
*\"* | *\\* | *$'\n'*) die "APP_EXTRA must not contain '\"', '\\' or a newline" ;;
esac
[ -f "$kernel" ] || die "no kernel '$kernel'"
[ -z "$ramdisk" ] || [ -f "$ramdisk" ] || die "no ramdisk '$ramdisk'"
[ -z "$grubcfg" ] || [ -f "$grubcfg" ] || die "no IMAGE_GRUB_CFG file '$grubcfg'"
command -v mke2fs > /dev/null || PATH=$PATH:/sbin:/usr/sbin
command -v mke2fs > /dev/null || die "mke2fs not found (Debian package e2fsprogs)"

# EXTRA split into words as the kernel splits its command line
# (kernel/cmdline.c): blanks separate, '...' groups. mkcfg's limits leave
# no double quotes or backslashes. Each word goes out in GRUB's single
# quotes, so GRUB hands the kernel the same words (it quotes a word with
# blanks again when it joins them).
grub_args() { # extra
	local s=$1 c word= inword= quoted= out=
	while [ -n "$s" ]; do
		c=${s:0:1} s=${s:1}
		if [ -n "$quoted" ]; then
			if [ "$c" = "'" ]; then quoted=; else word+=$c; fi
		elif [ "$c" = "'" ]; then
			quoted=1 inword=1
		elif [[ $c == [[:blank:]] || $c == $'\r' ]]; then
			[ -z "$inword" ] || out+=" '${word//\'/\'\\\'\'}'"
			word= inword=
		else
			word+=$c inword=1
		fi
	done
	[ -z "$quoted" ] || die "APP_EXTRA has a quote that is not closed"
	[ -z "$inword" ] || out+=" '${word//\'/\'\\\'\'}'"
	printf '%s' "$out"
}

args=$(grub_args "$extra") || exit 1

stage=$(mktemp -d "${out}.stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/$name.gz"
initrd=
if [ -n "$ramdisk" ]; then
	cp "$ramdisk" "$stage/boot/$name.cpio"
	initrd=/boot/$name.cpio
fi

# pvgrub2: Debian's grub-x86_64-xen.bin finds /boot/grub/grub.cfg on any
# disk and partition by itself; paths are relative to where it found it.
{
	echo "# pvgrub2 (GRUB's x86_64-xen platform) boots the Skiff app '$name'."
	echo "# The words after the kernel are the app's command line (argv[1..])."
	echo "set default=0"
	echo "set timeout=0"
	echo "menuentry '$name' {"
	echo "	linux /boot/$name.gz$args"
	[ -z "$initrd" ] || echo "	initrd $initrd"
	echo "}"
} > "$stage/boot/grub/grub.cfg"
[ -z "$grubcfg" ] || cp "$grubcfg" "$stage/boot/grub/grub.cfg"

# PV-GRUB (GRUB legacy) is told the disk or partition: (hd0) or (hd0,0).
# Everything after the kernel's path is its command line, as written.
root='(hd0)'
[ "$layout" = disk ] || root='(hd0,0)'
{
	echo "# PV-GRUB (GRUB legacy, e.g. EC2's AKIs) boots the Skiff app '$name'."
	echo "default 0"
	echo "timeout 0"
	echo "title $name"
	echo "	root $root"
	echo "	kernel /boot/$name.gz${extra:+ $extra}"
	[ -z "$initrd" ] || echo "	initrd $initrd"
} > "$stage/boot/grub/menu.lst"

# Reproducible: fixed times; the UUID and directory hash seed from the
# name (mke2fs otherwise draws them at random).
find "$stage" -exec touch -h -d @0 {} +
uuid=$(printf '%s' "$name" | md5sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')

# Size: the files in 1 KiB blocks, an indirect block per 256 of them, and
# room for ext2's own structures (superblock and group descriptors, bitmaps,
# 64 inodes), rounded up to whole MiB.
offset_kib=0
[ "$layout" = disk ] || offset_kib=1024
data_kib=$(du -s --block-size=1K --apparent-size "$stage" | cut -f1)
need_mib=$(((offset_kib + data_kib + data_kib / 200 + 768 + 1023) / 1024))
[ "$need_mib" -ge 2 ] || need_mib=2
if [ -z "$size" ]; then
	size=$need_mib
elif [ "$size" -lt "$need_mib" ]; then
	die "IMAGE_SIZE=$size MiB is too small: the files need $need_mib MiB"
fi

# ext2 with 1 KiB blocks and 128-byte inodes: the layout every ext2 reader
# knows, GRUB legacy's (PV-GRUB) included; no journal to replay on a disk
# that is only read. docs/images.md says why.
fs_kib=$((size * 1024 - offset_kib))
rm -f "$out" "$out.tmp"
truncate -s "${size}M" "$out.tmp"
E2FSPROGS_FAKE_TIME=1 mke2fs -q -F -t ext2 -b 1024 -I 128 -N 64 -m 0 \
	-U "$uuid" -E "offset=$((offset_kib * 1024)),root_owner=0:0,hash_seed=$uuid" \
	-d "$stage" "$out.tmp" "$fs_kib" > "$stage.log" 2>&1 ||
	{ cat "$stage.log" >&2; rm -f "$stage.log" "$out.tmp"; die "mke2fs failed"; }
rm -f "$stage.log"
# mke2fs -d copies each file's change time, which touch cannot set, its
# access time, which reading the tree above moved, and its owner, who
# ran the build: zero them all, so that the same files give the same
# image whoever builds it. The list is made before its own file exists.
fs="$out.tmp?offset=$((offset_kib * 1024))"
fixes=$(cd "$stage" && find . | sed 's|^\.||; s|^$|/|' |
	sed 's|.*|set_inode_field "&" ctime 0\nset_inode_field "&" atime 0\nset_inode_field "&" uid 0\nset_inode_field "&" gid 0|')
printf '%s\n' "$fixes" > "$stage/.fixes"
debugfs -w -f "$stage/.fixes" "$fs" > "$stage/.fixes.log" 2>&1 || { cat "$stage/.fixes.log" >&2; die "debugfs failed"; }
# debugfs echoes each command ("debugfs: ...") and still exits 0 when one
# fails: any other line is a failure.
! grep -qv '^debugfs[ :]' "$stage/.fixes.log" || { cat "$stage/.fixes.log" >&2; die "debugfs failed"; }

# The partitioned layout's MBR: no boot code (Xen's loaders never run it),
# one bootable Linux partition (type 0x83) from sector 2048 to the end.
if [ "$layout" = part ]; then
	"$(dirname "$0")/mkmbr.sh" "$out.tmp" 2048 $((fs_kib * 2)) "$uuid"
fi
mv "$out.tmp" "$out"
