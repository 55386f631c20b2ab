# shellcheck shell=bash
# Builds the Xen test host's cache from Debian packages (sourced by
# testhost.sh). Nothing is installed on the build machine except the tools
# in TH_HOST_PKGS: the Xen, Linux and busybox packages are fetched with
# `apt-get download` and unpacked with `dpkg-deb -x` into $TH_CACHE:
#   debs/          the downloaded packages
#   root/          all of them unpacked into one tree
#   xen            the hypervisor (gunzipped multiboot ELF)
#   vmlinuz        the dom0 (and Linux domU) kernel
#   dom0.cpio.gz   dom0's initramfs: busybox, toolstack, libraries, modules
#   domu.cpio.gz   the Linux PV domU's initramfs (prints "linux-domU up";
#                  with options, the network peer: see domu/init)
#   (dom0's /sbin gets e2fsprogs' mke2fs (mkfs.ext2/3/4), e2fsck (fsck.ext2/
#   3/4) and debugfs with Debian's /etc/mke2fs.conf; the domU gets ext4's
#   modules for the file-system benchmark)
#   (dom0's /usr/local/bin gets the test helpers of helpers/*.c, built here
#   with the host gcc as static programs; /usr/lib/grub-xen has pvgrub2)
#   stamp          hash of the versions and of the scripts that built these
# Needs: TH_DIR (tools/testhost), TH_CACHE, th_log, th_die from testhost.sh.

TH_XEN_BIN=/usr/lib/xen-4.17/bin
TH_MODULES=(xen-privcmd xenfs xen-evtchn xen-gntdev xen-gntalloc
	xen-netback xen-blkback llc stp bridge loop)
# libxl-save-helper: xl save, xl restore and xl migrate run it.
TH_XEN_PROGS=(xl xenstored xen-init-dom0 xenconsoled xenconsole libxl-save-helper)
TH_XENSTORE_TOOLS=(read write ls list rm exists watch chmod)
# pvgrub2 from grub-xen-host, where Debian's dom0 has it (make image's
# xl configs name this path).
TH_PVGRUB=/usr/lib/grub-xen/grub-x86_64-xen.bin

# The hash that decides whether the cache is current: the pinned versions
# and every file that ends up in (or builds) the images.
th_stamp_hash() {
	(cd "$TH_DIR" && cat versions.sh prepare.sh dom0/* domu/* helpers/*) | sha256sum | cut -d' ' -f1
}

th_is_prepared() {
	local f
	for f in xen vmlinuz dom0.cpio.gz domu.cpio.gz stamp; do
		[ -s "$TH_CACHE/$f" ] || return 1
	done
	[ "$(cat "$TH_CACHE/stamp")" = "$(th_stamp_hash)" ]
}

th_sudo() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		th_die "need root or sudo to run: $*"
	fi
}

# Install the few host tools we need, only those missing.
th_host_packages() {
	local p st missing=()
	for p in "${TH_HOST_PKGS[@]}"; do
		st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
		[ "$st" = "install ok installed" ] || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	th_log "installing on this machine: ${missing[*]}"
	th_sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null ||
		th_log "apt-get update failed; trying the install anyway"
	th_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
		--no-install-recommends "${missing[@]}" >/dev/null ||
		th_die "apt-get install ${missing[*]} failed"
}

# The .deb file name apt-get download gives PKG at VERSION, if we have it.
th_deb_path() { # pkg version
	local f
	for f in "$TH_CACHE/debs/${1}_${2//:/%3a}_"*.deb; do
		[ -f "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# Download PKG=VERSION into debs/ unless it is there; print its path.
th_download() { # pkg version
	local tmp f
	if f=$(th_deb_path "$1" "$2"); then
		echo "$f"
		return 0
	fi
	th_log "downloading $1 $2"
	tmp=$(mktemp -d "$TH_CACHE/debs/.dl.XXXXXX")
	if (cd "$tmp" && apt-get download -q "$1=$2" >/dev/null 2>&1); then
		mv "$tmp"/*.deb "$TH_CACHE/debs/"
		rm -rf "$tmp"
		th_deb_path "$1" "$2"
		return 0
	fi
	rm -rf "$tmp"
	return 1
}

th_candidate() { # pkg
	apt-cache policy "$1" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '^(none)$'
}

# apt's package lists may be old or missing (a fresh machine): refresh them
# once per prepare (th_fetch runs in subshells: a file remembers it) before
# giving up on a version.
th_apt_update_once() {
	[ ! -e "$TH_CACHE/debs/.apt-updated" ] || return 1
	: > "$TH_CACHE/debs/.apt-updated"
	th_log "refreshing apt's package lists"
	th_sudo env DEBIAN_FRONTEND=noninteractive apt-get update -q > /dev/null 2>&1
}

# Download PKG at its pinned VERSION, refreshing apt's lists once if
# needed; print its path.
th_download_pinned() { # pkg version
	th_download "$1" "$2" || { th_apt_update_once && th_download "$1" "$2"; }
}

# Fetch "pkg=version", or the current candidate with a loud warning.
th_fetch() { # pkg=version
	local pkg=${1%%=*} ver=${1#*=} cand f
	th_download_pinned "$pkg" "$ver" && return 0
	cand=$(th_candidate "$pkg")
	[ -n "$cand" ] || th_die "cannot download $pkg $ver, and apt knows no other version (apt-get update?)"
	echo "[testhost] WARNING: $pkg $ver is not downloadable; using the current candidate $cand instead (update tools/testhost/versions.sh)" >&2
	f=$(th_download "$pkg" "$cand") || th_die "cannot download $pkg $cand either"
	echo "$f"
}

# The kernel: the pinned package, else whatever linux-image-amd64 depends on.
th_fetch_linux() {
	local pkg=${TH_LINUX_DEB%%=*} ver=${TH_LINUX_DEB#*=} real cand f
	th_download_pinned "$pkg" "$ver" && return 0
	real=$(apt-cache depends "$TH_LINUX_META" 2>/dev/null | sed -n 's/^ *Depends: *\(linux-image-[0-9].*\)$/\1/p' | head -n1)
	[ -n "$real" ] || th_die "cannot download $pkg $ver, and $TH_LINUX_META names no kernel package (apt-get update?)"
	cand=$(th_candidate "$real")
	echo "[testhost] WARNING: $pkg $ver is not downloadable; using $real $cand (behind $TH_LINUX_META) instead (update tools/testhost/versions.sh)" >&2
	f=$(th_download "$real" "$cand") || th_die "cannot download $real $cand either"
	echo "$f"
}

th_fetch_all() {
	local d debs=()
	mkdir -p "$TH_CACHE/debs"
	rm -f "$TH_CACHE/debs/.apt-updated"
	for d in "${TH_XEN_DEBS[@]}" "$TH_BUSYBOX_DEB" "${TH_LIB_DEBS[@]}" "${TH_E2FS_DEBS[@]}"; do
		debs+=("$(th_fetch "$d")") || exit 1
	done
	debs+=("$(th_fetch_linux)") || exit 1
	debs+=("$(th_fetch "$TH_PVGRUB_DEB")") || exit 1
	rm -rf "$TH_CACHE/root"
	mkdir -p "$TH_CACHE/root"
	th_log "unpacking ${#debs[@]} packages"
	for d in "${debs[@]}"; do
		[ -n "$d" ] || th_die "a download failed"
		dpkg-deb -x "$d" "$TH_CACHE/root" || th_die "cannot unpack $d"
	done
}

th_kver() {
	local d
	for d in "$TH_CACHE"/root/lib/modules/*/; do
		[ -d "$d/kernel" ] && basename "$d"
	done | head -n1
}

# busybox with relative applet links (an absolute /bin/busybox link plus a
# later copy through it once overwrote a build machine's own busybox).
th_install_busybox() { # destroot
	local dest=$1 applet dir up
	mkdir -p "$dest/bin" "$dest/sbin" "$dest/usr/bin" "$dest/usr/sbin"
	cp "$TH_CACHE/root/bin/busybox" "$dest/bin/busybox"
	"$dest/bin/busybox" --list-full | while read -r applet; do
		[ "$applet" = bin/busybox ] && continue
		dir=${applet%/*}
		case $dir in
		bin) up= ;;
		sbin) up=../bin/ ;;
		usr/*) up=../../bin/ ;;
		*) continue ;;
		esac
		ln -sfn "${up}busybox" "$dest/$applet"
	done
}

# Copy a real file over whatever is at dest (never through a link).
th_put() { # src dest
	mkdir -p "$(dirname "$2")"
	rm -f "$2"
	cp "$1" "$2" || th_die "cannot copy $1"
}

# The modules in load order (dependencies first), as paths in root/.
th_module_list() { # kver
	local m
	depmod -b "$TH_CACHE/root" "$1" || th_die "depmod failed"
	for m in "${TH_MODULES[@]}"; do
		modprobe -d "$TH_CACHE/root" -S "$1" --show-depends "$m" ||
			th_die "no module $m in kernel $1"
	done | sed -n "s|^insmod $TH_CACHE/root/||p" | sed 's/ *$//' | awk '!seen[$0]++'
}

th_install_modules() { # destroot kver
	local m
	th_module_list "$2" > "$TH_CACHE/modules.list" || exit 1
	while read -r m; do
		th_put "$TH_CACHE/root/$m" "$1/$m"
	done < "$TH_CACHE/modules.list"
	sed 's|^|/|' "$TH_CACHE/modules.list" > "$1/etc/testhost/modules"
}

# The shared-library closure of the given programs, resolved by the loader
# with the unpacked library packages first. Prints one path per line.
th_lib_closure() { # program...
	local libdirs out='' p
	libdirs="$TH_CACHE/root/lib/x86_64-linux-gnu:$TH_CACHE/root/usr/lib/x86_64-linux-gnu"
	for p in "$@"; do
		out+=$(LD_LIBRARY_PATH=$libdirs /lib64/ld-linux-x86-64.so.2 --list "$p" 2>&1) ||
			th_die "the loader cannot resolve the libraries of ${p##*/}: $out"
		out+=$'\n'
	done
	if grep -q 'not found' <<<"$out"; then
		grep 'not found' <<<"$out" | sort -u >&2
		th_die "libraries missing: add their packages to TH_LIB_DEBS in tools/testhost/versions.sh"
	fi
	sed -n 's/.*=> \(\/[^ ]*\) (0x.*/\1/p' <<<"$out" | sort -u
	echo /lib64/ld-linux-x86-64.so.2
	# dlopen()ed by glibc (thread cancellation), invisible to the loader.
	for out in "$TH_CACHE"/root/lib/x86_64-linux-gnu/libgcc_s.so.1 /lib/x86_64-linux-gnu/libgcc_s.so.1; do
		[ -f "$out" ] && { echo "$out"; break; }
	done
}

th_install_libs() { # destroot program...
	local dest=$1 lib
	shift
	th_lib_closure "$@" > "$TH_CACHE/libs.list" || exit 1
	while read -r lib; do
		case $lib in
		"$TH_CACHE/root"/*) th_put "$lib" "$dest/${lib#"$TH_CACHE/root"/}" ;;
		/lib64/*) th_put "$(readlink -f "$lib")" "$dest$lib" ;;
		*) th_put "$(readlink -f "$lib")" "$dest/lib/x86_64-linux-gnu/${lib##*/}" ;;
		esac
	done < "$TH_CACHE/libs.list"
	[ -f "$dest/lib/x86_64-linux-gnu/libgcc_s.so.1" ] || th_die "libgcc_s.so.1 not found (xl needs it)"
}

th_install_toolstack() { # destroot
	local dest=$1 p progs=() t
	for p in "${TH_XEN_PROGS[@]}"; do
		th_put "$TH_CACHE/root$TH_XEN_BIN/$p" "$dest$TH_XEN_BIN/$p"
		progs+=("$TH_CACHE/root$TH_XEN_BIN/$p")
	done
	th_put "$TH_CACHE/root/usr/bin/xenstore" "$dest/usr/bin/xenstore"
	progs+=("$TH_CACHE/root/usr/bin/xenstore")
	for t in "${TH_XENSTORE_TOOLS[@]}"; do
		rm -f "$dest/usr/bin/xenstore-$t"
		ln -s xenstore "$dest/usr/bin/xenstore-$t"
	done
	th_install_libs "$dest" "${progs[@]}" || exit 1
	for p in vif-bridge block; do
		th_put "$TH_DIR/dom0/$p" "$dest/etc/xen/scripts/$p"
		chmod 755 "$dest/etc/xen/scripts/$p"
	done
	th_put "$TH_DIR/dom0/xl.conf" "$dest/etc/xen/xl.conf"
	# xl migrate's "ssh" to localhost (xl migrate -s th-local DOM localhost).
	th_put "$TH_DIR/dom0/th-local" "$dest/usr/local/bin/th-local"
	chmod 755 "$dest/usr/local/bin/th-local"
}

# e2fsprogs in dom0, for tests that make, inspect and check ext4 images:
# the programs over busybox's applets of the same names, the links
# Debian's package has, mke2fs.conf (which holds Debian's default ext4
# features: without it mke2fs falls back to its built-in profile), and the
# libraries, found as the toolstack's are.
TH_E2FS_PROGS=(mke2fs e2fsck debugfs dumpe2fs tune2fs)
th_install_e2fsprogs() { # destroot
	local dest=$1 p progs=() t
	for p in "${TH_E2FS_PROGS[@]}"; do
		th_put "$TH_CACHE/root/sbin/$p" "$dest/sbin/$p"
		progs+=("$TH_CACHE/root/sbin/$p")
	done
	for t in 2 3 4; do
		rm -f "$dest/sbin/mkfs.ext$t" "$dest/sbin/fsck.ext$t"
		ln -s mke2fs "$dest/sbin/mkfs.ext$t"
		ln -s e2fsck "$dest/sbin/fsck.ext$t"
	done
	th_put "$TH_CACHE/root/etc/mke2fs.conf" "$dest/etc/mke2fs.conf"
	th_install_libs "$dest" "${progs[@]}" || exit 1
}

# ext4 and what it needs (jbd2, mbcache, crc16, and the crc32c that its
# checksums ask the crypto layer for: a soft dependency, which
# --show-depends lists too), in load order, into the Linux domU's
# lib/modules/ext4/, with the order in lib/modules/ext4/list.
th_install_domu_ext4() { # destroot kver
	local m
	depmod -b "$TH_CACHE/root" "$2" || th_die "depmod failed"
	mkdir -p "$1/lib/modules/ext4"
	modprobe -d "$TH_CACHE/root" -S "$2" --show-depends ext4 |
		sed -n "s|^insmod $TH_CACHE/root/||p" | sed 's/ *$//' | awk '!seen[$0]++' |
		while read -r m; do
			th_put "$TH_CACHE/root/$m" "$1/lib/modules/ext4/${m##*/}"
			echo "${m##*/}" >> "$1/lib/modules/ext4/list"
		done
	grep -qx ext4.ko "$1/lib/modules/ext4/list" || th_die "no ext4 module in kernel $2"
}

# dom0's test helpers (helpers/*.c: gntmap, evtchn-peer, ...): static
# programs from the build machine's gcc and glibc, against the device
# headers of libxen-dev (<xen/sys/gntdev.h>, <xen/sys/evtchn.h>), so they
# need nothing from dom0's libraries.
th_install_helpers() { # destroot
	local src name
	mkdir -p "$1/usr/local/bin"
	for src in "$TH_DIR"/helpers/*.c; do
		name=$(basename "$src" .c)
		gcc -static -O2 -Wall -Wextra -Werror -o "$1/usr/local/bin/$name" "$src" ||
			th_die "cannot build the dom0 helper $name (gcc, libc6-dev and libxen-dev needed)"
	done
}

th_cpio() { # dir output.cpio.gz
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet --reproducible) | gzip -6n > "$2.tmp" &&
		mv "$2.tmp" "$2"
}

th_build_dom0() { # kver
	local d=$TH_CACHE/dom0root
	th_log "building dom0 initramfs"
	rm -rf "$d"
	mkdir -p "$d"/{proc,sys,dev,run,tmp,root,etc/testhost,var/log,var/lib}
	ln -s ../run "$d/var/run"
	ln -s ../run/lock "$d/var/lock"
	th_install_busybox "$d"
	th_install_modules "$d" "$1" || exit 1
	th_install_toolstack "$d" || exit 1
	th_install_e2fsprogs "$d" || exit 1
	th_install_helpers "$d" || exit 1
	th_put "$TH_CACHE/root$TH_PVGRUB" "$d$TH_PVGRUB"
	th_put "$TH_DIR/dom0/init" "$d/init"
	th_put "$TH_DIR/dom0/jobs.sh" "$d/etc/testhost/jobs.sh"
	chmod 755 "$d/init" "$d/etc/testhost/jobs.sh"
	echo "$1" > "$d/etc/testhost/kver"
	th_cpio "$d" "$TH_CACHE/dom0.cpio.gz" || th_die "cpio of dom0 failed"
}

# The Linux domU: busybox, its /init, for the network comparisons the
# netfront module, a udhcpc script and netserve (built for dom0 already),
# for the storage comparison the blkfront module and randread, for the
# file-system comparison ext4's modules.
th_build_domu() { # kver
	local d=$TH_CACHE/domuroot
	th_log "building Linux domU initramfs"
	rm -rf "$d"
	mkdir -p "$d"/{proc,sys,dev,etc,tmp,lib/modules}
	th_install_busybox "$d"
	th_put "$TH_DIR/domu/init" "$d/init"
	th_put "$TH_DIR/domu/udhcpc.script" "$d/etc/udhcpc.script"
	chmod 755 "$d/init" "$d/etc/udhcpc.script"
	th_put "$TH_CACHE/root/lib/modules/$1/kernel/drivers/net/xen-netfront.ko" \
		"$d/lib/modules/xen-netfront.ko"
	th_put "$TH_CACHE/root/lib/modules/$1/kernel/drivers/block/xen-blkfront.ko" \
		"$d/lib/modules/xen-blkfront.ko"
	th_install_domu_ext4 "$d" "$1" || exit 1
	th_put "$TH_CACHE/dom0root/usr/local/bin/netserve" "$d/usr/local/bin/netserve"
	th_put "$TH_CACHE/dom0root/usr/local/bin/randread" "$d/usr/local/bin/randread"
	th_cpio "$d" "$TH_CACHE/domu.cpio.gz" || th_die "cpio of the domU failed"
}

th_prepare_now() {
	local kver
	th_host_packages
	th_fetch_all || exit 1
	kver=$(th_kver)
	[ -n "$kver" ] || th_die "no kernel modules in the unpacked kernel package"
	th_log "kernel $kver"
	gzip -dc "$TH_CACHE/root/boot/xen-4.17-amd64.gz" > "$TH_CACHE/xen.tmp" || th_die "no Xen image"
	mv "$TH_CACHE/xen.tmp" "$TH_CACHE/xen"
	cp "$TH_CACHE/root/boot/vmlinuz-$kver" "$TH_CACHE/vmlinuz.tmp"
	mv "$TH_CACHE/vmlinuz.tmp" "$TH_CACHE/vmlinuz"
	th_build_dom0 "$kver" || exit 1
	th_build_domu "$kver" || exit 1
	th_stamp_hash > "$TH_CACHE/stamp"
	th_log "prepared in $TH_CACHE"
}

# Idempotent: rebuilds only when the versions or the image scripts changed.
# A lock keeps concurrent runs (maybe of other versions of these scripts)
# from building over each other; with DEST, the images are copied there
# under the same lock, so a run boots exactly what its own scripts built.
th_prepare() { # [dest]
	mkdir -p "$TH_CACHE" || th_die "cannot create $TH_CACHE"
	exec 9> "$TH_CACHE/.lock"
	flock 9
	if ! th_is_prepared; then
		rm -f "$TH_CACHE/stamp"
		(set -e; th_prepare_now) || th_die "prepare failed"
	fi
	if [ -n "${1:-}" ]; then
		cp "$TH_CACHE/xen" "$TH_CACHE/vmlinuz" "$TH_CACHE/dom0.cpio.gz" "$1/" ||
			th_die "cannot copy the test host's images"
	fi
	flock -u 9
	exec 9>&-
}
