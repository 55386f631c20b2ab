# shellcheck shell=bash
# Read the Xen ELF notes of an image: prints "TYPE DESC_HEX" per note
# (type in decimal, the descriptor's bytes in file order as hex), parsing
# the .note.Xen section's raw bytes: namesz, descsz, type (32-bit little
# endian each), then name and descriptor, each padded to 4 bytes.
xen_notes() { # elf
	local bin b i namesz descsz type
	bin=$(mktemp)
	objcopy -O binary --only-section=.note.Xen "$1" "$bin" || { rm -f "$bin"; return 1; }
	read -r -a b <<< "$(od -An -v -t x1 "$bin" | tr -s ' \n' ' ')"
	rm -f "$bin"
	le32() { echo $((16#${b[$1 + 3]}${b[$1 + 2]}${b[$1 + 1]}${b[$1]})); }
	i=0
	while [ $((i + 12)) -le ${#b[@]} ]; do
		namesz=$(le32 $i) descsz=$(le32 $((i + 4))) type=$(le32 $((i + 8)))
		i=$((i + 12 + (namesz + 3) / 4 * 4))
		printf '%d %s\n' "$type" "$(echo "${b[@]:i:descsz}" | tr -d ' ')"
		i=$((i + (descsz + 3) / 4 * 4))
	done
}
