#!/bin/sh
# Add big.bin to the ramdisk tree in $1: 1 MiB holding every byte value,
# 0 to 255 over and over, for byte-identical transfers of binary data.
set -eu
out=$1/big.bin
i=0
: > "$out.256"
while [ $i -lt 256 ]; do
	printf "\\$(printf %03o $i)" >> "$out.256"
	i=$((i + 1))
done
cat "$out.256" "$out.256" "$out.256" "$out.256" > "$out.1k"
rm "$out.256"
: > "$out"
i=0
while [ $i -lt 1024 ]; do
	cat "$out.1k" >> "$out"
	i=$((i + 1))
done
rm "$out.1k"
