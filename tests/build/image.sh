# shellcheck shell=bash
# Build test of `make image` (sourced by tests/build/run.sh): the disk
# image's file system, the boot menus it carries, its MBR in the
# partitioned layout, the pvgrub2 xl config, and the errors bad settings
# give. Needs $top and $out from run.sh.

# The image's file system, as a file of its own: the image, or a copy of
# it from byte OFFSET on (the partitioned layout).
img_fs() { # image offset
	[ "$2" = 0 ] && { echo "$1"; return; }
	dd if="$1" of="$out/img-part.fs" bs=512 skip=$(($2 / 512)) status=none && echo "$out/img-part.fs"
}

img_cat() { debugfs -R "cat $2" "$1" 2> /dev/null; } # fs path

# The names in a directory of the file system, sorted, on one line.
img_ls() { # fs path
	debugfs -R "ls -p $2" "$1" 2> /dev/null | awk -F/ 'NF > 6 && $6 != "." && $6 != ".." { print $6 }' |
		LC_ALL=C sort | tr '\n' ' '
}

# e2fsck finds nothing to fix; the boot files are there, the kernel and
# ramdisk byte for byte.
img_fs_ok() { # fs name
	local d=$top/build/$2
	e2fsck -fn "$1" > "$out/img-e2fsck.log" 2>&1 || { echo "e2fsck: $(tail -n 3 "$out/img-e2fsck.log")"; return 1; }
	[ "$(img_ls "$1" /boot)" = "grub $2.cpio $2.gz " ] || { echo "/boot holds: $(img_ls "$1" /boot)"; return 1; }
	[ "$(img_ls "$1" /boot/grub)" = "grub.cfg menu.lst " ] || { echo "/boot/grub holds: $(img_ls "$1" /boot/grub)"; return 1; }
	cmp -s <(img_cat "$1" "/boot/$2.gz") "$d/$2.gz" || { echo "/boot/$2.gz is not $2.gz"; return 1; }
	cmp -s <(img_cat "$1" "/boot/$2.cpio") "$d/$2.cpio" || { echo "/boot/$2.cpio is not $2.cpio"; return 1; }
}

# grub.cfg gives the command line word by word, in GRUB's quotes; menu.lst
# as written (GRUB legacy passes it on as it is), with ROOT.
img_menus_ok() { # fs name root
	img_cat "$1" /boot/grub/grub.cfg | grep -qxF "	linux /boot/$2.gz '-v' 'two words' 'gl ued' 'end'" ||
		{ echo "grub.cfg: no linux line with the command line"; return 1; }
	img_cat "$1" /boot/grub/grub.cfg | grep -qxF "	initrd /boot/$2.cpio" || { echo "grub.cfg: no initrd line"; return 1; }
	img_cat "$1" /boot/grub/menu.lst | grep -qxF "	root $3" || { echo "menu.lst: no 'root $3'"; return 1; }
	img_cat "$1" /boot/grub/menu.lst | grep -qxF "	kernel /boot/$2.gz -v 'two words' gl' 'ued end" ||
		{ echo "menu.lst: no kernel line with the command line"; return 1; }
	img_cat "$1" /boot/grub/menu.lst | grep -qxF "	initrd /boot/$2.cpio" || { echo "menu.lst: no initrd line"; return 1; }
}

# The MBR of the part layout: signature 55 aa; entry 1 bootable, type
# 0x83, CHS of sector 2048 (0/32/33), from sector 2048 to the image's end;
# entries 2-4 empty.
img_mbr_ok() { # image
	local e sectors
	sectors=$(($(stat -c %s "$1") / 512))
	[ "$(od -An -tx1 -j510 -N2 "$1" | tr -d ' \n')" = 55aa ] || { echo "no MBR signature 55 aa"; return 1; }
	e=$(od -An -tx1 -j446 -N16 "$1" | tr -d '\n' | tr -s ' ')
	[ "${e:0:15}" = " 80 20 21 00 83" ] || { echo "partition 1 starts '$e', expected 80 20 21 00 83 (bootable, CHS 0/32/33, Linux)"; return 1; }
	[ "$(od -An -tu4 -j454 -N4 "$1" | tr -d ' ')" = 2048 ] || { echo "partition 1 does not start at sector 2048"; return 1; }
	[ "$(od -An -tu4 -j458 -N4 "$1" | tr -d ' ')" = $((sectors - 2048)) ] ||
		{ echo "partition 1 is not $((sectors - 2048)) sectors (to the end of the image)"; return 1; }
	[ "$(od -An -v -tx1 -j462 -N48 "$1" | tr -d ' \n' | tr -d 0)" = "" ] || { echo "partition entries 2-4 are not empty"; return 1; }
}

img_make() { # log make-args...
	local log=$out/$1
	shift
	make -s -C "$top" "$@" > "$log" 2>&1
}

disk_image() {
	local app=$out/elsewhere/img-app d=$top/build/img-app img pcfg sum size fs
	img=$d/img-app.img pcfg=$d/img-app-pvgrub.cfg
	rm -rf "$app" && mkdir -p "$app/files/etc"
	printf 'int main(void) { return 0; }\n' > "$app/main.c"
	printf 'x\n' > "$app/files/etc/x"
	printf "APP_SRCS := main.c\nAPP_FILES := files\nAPP_MEMORY := 24\nAPP_EXTRA := -v 'two words' gl' 'ued end\n" > "$app/app.mk"
	img_make img-app.log APP="$app" image || { tail -n 5 "$out/img-app.log"; return 1; }
	[ $(($(stat -c %s "$img") % 1048576)) -eq 0 ] || { echo "the image is not whole MiB"; return 1; }
	# A whole-disk file system: no MBR signature, so that loaders that
	# look for a partition table (pygrub) take the disk as one.
	[ "$(od -An -tx1 -j510 -N2 "$img" | tr -d ' \n')" != 55aa ] || { echo "the disk layout has an MBR signature"; return 1; }
	img_fs_ok "$img" img-app && img_menus_ok "$img" img-app '(hd0)' || return 1
	grep -qx 'kernel = "/usr/lib/grub-xen/grub-x86_64-xen.bin"' "$pcfg" || { echo "pvgrub cfg: no pvgrub2 kernel line"; return 1; }
	grep -qxF "disk = [ 'format=raw,vdev=xvda,access=ro,target=$img' ]" "$pcfg" || { echo "pvgrub cfg: no xvda line"; return 1; }
	grep -qx 'memory = 24' "$pcfg" && grep -qx 'name = "img-app"' "$pcfg" || { echo "pvgrub cfg: not the app's name and memory"; return 1; }
	! grep -Eq '^(extra|ramdisk) =' "$pcfg" || { echo "pvgrub cfg has an extra or ramdisk line"; return 1; }
	sum=$(md5sum < "$img")
	touch "$app/files/etc/x" && img_make img-app.log APP="$app" image || { tail -n 5 "$out/img-app.log"; return 1; }
	[ "$(md5sum < "$img")" = "$sum" ] || { echo "the image is not reproducible"; return 1; }

	img_make img-part.log APP="$app" image IMAGE_LAYOUT=part IMAGE_SIZE=6 || { tail -n 5 "$out/img-part.log"; return 1; }
	size=$(stat -c %s "$img")
	[ "$size" -eq $((6 * 1048576)) ] || { echo "IMAGE_SIZE=6 gave $size bytes"; return 1; }
	fs=$(img_fs "$img" 1048576) && img_mbr_ok "$img" || return 1
	img_fs_ok "$fs" img-app && img_menus_ok "$fs" img-app '(hd0,0)' || return 1

	# IMAGE_GRUB_CFG: the app's own grub.cfg, as it is; a missing one is named.
	printf 'echo own\n' > "$app/own.cfg"
	img_make img-own.log APP="$app" image IMAGE_GRUB_CFG=own.cfg || { tail -n 5 "$out/img-own.log"; return 1; }
	[ "$(img_cat "$img" /boot/grub/grub.cfg)" = "echo own" ] || { echo "IMAGE_GRUB_CFG=own.cfg: not the app's grub.cfg"; return 1; }
	! img_make img-bad.log APP="$app" image IMAGE_GRUB_CFG=none.cfg || { echo "a missing IMAGE_GRUB_CFG was accepted"; return 1; }
	# make names the app's folder by its absolute path; $out may be relative.
	grep -qF "no IMAGE_GRUB_CFG file '$(cd "$app" && pwd)/none.cfg'" "$out/img-bad.log" || { echo "no clear message for a missing IMAGE_GRUB_CFG"; return 1; }

	! img_make img-bad.log APP="$app" image IMAGE_LAYOUT=gpt || { echo "IMAGE_LAYOUT=gpt was accepted"; return 1; }
	grep -q "IMAGE_LAYOUT must be disk or part, not 'gpt'" "$out/img-bad.log" || { echo "no clear message for IMAGE_LAYOUT=gpt"; return 1; }
	! img_make img-bad.log APP="$app" image IMAGE_SIZE=1 || { echo "IMAGE_SIZE=1 was accepted"; return 1; }
	grep -q "IMAGE_SIZE=1 MiB is too small" "$out/img-bad.log" || { echo "no clear message for IMAGE_SIZE=1"; return 1; }
	printf "APP_SRCS := main.c\nAPP_EXTRA := a 'b\n" > "$app/app.mk"
	! img_make img-bad.log APP="$app" image || { echo "an unclosed quote in APP_EXTRA was accepted"; return 1; }
	grep -q "APP_EXTRA has a quote that is not closed" "$out/img-bad.log" || { echo "no clear message for an unclosed quote"; return 1; }
}
