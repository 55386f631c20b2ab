# shellcheck shell=bash
# shellcheck disable=SC2034 # the variables are used by prepare.sh
# Debian 12 packages the Xen test host is built from, pinned by version.
# Sourced by prepare.sh. Each entry is "package=version". When a pinned
# version can no longer be downloaded, prepare.sh falls back to the current
# candidate and prints a WARNING naming both versions; for the kernel, whose
# package name carries the ABI, it then follows TH_LINUX_META to the package
# that currently stands behind it.
# Changing this file makes `testhost.sh prepare` rebuild the cache.

XEN_VERSION=4.17.7+13-g2445b30a44-0+deb12u1

# Xen hypervisor, toolstack (xl, xenstored, xenconsoled, xen-init-dom0) and
# the xenstore-read/-write/-ls tools the hotplug scripts use.
TH_XEN_DEBS=(
	"xen-hypervisor-4.17-amd64=$XEN_VERSION"
	"xen-utils-4.17=$XEN_VERSION"
	"xenstore-utils=$XEN_VERSION"
)

# The dom0 (and Linux domU) kernel: the package behind linux-image-amd64.
TH_LINUX_DEB="linux-image-6.1.0-56-amd64=6.1.192-2"
TH_LINUX_META=linux-image-amd64

# Static busybox: the whole userland of dom0 and of the Linux domU.
TH_BUSYBOX_DEB="busybox-static=1:1.35.0-4+deb12u1+b1"

# e2fsprogs for dom0: mkfs.ext4 (mke2fs, with Debian's /etc/mke2fs.conf
# and so its default ext4 features), e2fsck and debugfs, with the libraries
# they load. The binary packages of the source package e2fsprogs 1.47.0-2
# (a rebuild, hence "+b2"), the version Skiff's own libext2fs is built
# from, so that dom0 makes and checks exactly the file system it reads.
E2FS_VERSION=1.47.0-2+b2
TH_E2FS_DEBS=(
	"e2fsprogs=$E2FS_VERSION"
	"libext2fs2=$E2FS_VERSION"
	"libcom-err2=$E2FS_VERSION"
	"libss2=$E2FS_VERSION"
	"libblkid1=2.38.1-5+deb12u3"
	"libuuid1=2.38.1-5+deb12u3"
)

# Shared libraries of the toolstack that a build machine may not have.
# Whatever else the loader resolves (libc, libuuid, zlib, ...) is taken from
# the machine's own /lib; a library found in neither place stops prepare
# with a message naming it, to be added here.
TH_LIB_DEBS=(
	"libxenmisc4.17=$XEN_VERSION"
	"libxencall1=$XEN_VERSION"
	"libxenevtchn1=$XEN_VERSION"
	"libxenforeignmemory1=$XEN_VERSION"
	"libxengnttab1=$XEN_VERSION"
	"libxenstore4=$XEN_VERSION"
	"libxentoollog1=$XEN_VERSION"
	"libxendevicemodel1=$XEN_VERSION"
	"libxenhypfs1=$XEN_VERSION"
	"libxentoolcore1=$XEN_VERSION"
	"libyajl2=2.1.0-3+deb12u2"
)

# Packages installed on the build machine itself (only if missing).
TH_HOST_PKGS=(qemu-system-x86 cpio xz-utils gzip kmod)

# pvgrub2 (GRUB's x86_64-xen image, /usr/lib/grub-xen/grub-x86_64-xen.bin)
# in dom0, to boot apps' disk images as a Debian Xen host does (make image;
# tests/guest/pvgrub-*).
TH_PVGRUB_DEB="grub-xen-host=2.06-13+deb12u2"
