#!/usr/bin/env bash
# Install the Debian packages a Skiff build (and, with "testhost", a test
# host run) needs, only those missing. Runs apt-get as root, else via sudo.
#   usage: setup.sh [build|testhost|format|image|fuzz|all]
set -euo pipefail

build_pkgs=(gcc libc6-dev make binutils libxen-dev newlib-source xz-utils gzip cpio patch)
testhost_pkgs=(qemu-system-x86 cpio kmod xz-utils gzip)
format_pkgs=(clang-format)
# make image: mke2fs -d, and e2fsck/debugfs for the build test.
image_pkgs=(e2fsprogs)
# make fuzz: clang and its libFuzzer and sanitizer runtimes
# (libclang_rt.fuzzer, .asan, .ubsan).
fuzz_pkgs=(clang libclang-rt-14-dev)

want=()
case "${1:-build}" in
build) want=("${build_pkgs[@]}") ;;
testhost) want=("${testhost_pkgs[@]}") ;;
format) want=("${format_pkgs[@]}") ;;
image) want=("${image_pkgs[@]}") ;;
fuzz) want=("${fuzz_pkgs[@]}") ;;
all) want=("${build_pkgs[@]}" "${testhost_pkgs[@]}" "${format_pkgs[@]}" "${image_pkgs[@]}" "${fuzz_pkgs[@]}") ;;
*) echo "usage: $0 [build|testhost|format|image|fuzz|all]" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	[ "$st" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
	sudo=sudo
fi
echo "[setup] installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null || echo "[setup] apt-get update failed; trying the install anyway" >&2
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "[setup] done"
