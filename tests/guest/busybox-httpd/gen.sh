#!/bin/sh
# Generated files of busybox-httpd (also run by its dom0 side for the
# reference copy): big.bin, 300 KiB of a fixed pattern.
out=${1:?folder}
mkdir -p "$out"
i=0
while [ $i -lt 300 ]; do
	printf '%01023d\n' $i
	i=$((i + 1))
done > "$out/big.bin"
