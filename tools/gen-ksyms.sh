#!/usr/bin/env bash
# Generate the backtrace symbol table (assembly for the .ksyms sections)
# from a linked image, or check that two links agree on every function.
# The library's internal names ("skiff.NAME", see the Makefile's
# libminios.a) appear as NAME.
#   gen-ksyms.sh ELF > ksyms.S
#   gen-ksyms.sh --check PASS1_ELF FINAL_ELF
set -euo pipefail

functions() {
	# Text symbols, address-sorted, one "addr name" per line.
	nm -n --defined-only "$1" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }'
}

if [ "${1:-}" = "--check" ]; then
	if ! cmp -s <(functions "$2") <(functions "$3"); then
		echo "gen-ksyms: functions moved between link passes:" >&2
		diff <(functions "$2") <(functions "$3") | head -5 >&2
		exit 1
	fi
	exit 0
fi

# Packed (kernel/ksyms.c reads it): a count, then per function its offset
# from _text and its name's offset from the table's start (32 bits each),
# then the names.
text=$(nm "$1" | awk '$3 == "_text" { print $1 }')
[ -n "$text" ] || { echo "gen-ksyms: $1 has no _text" >&2; exit 1; }
functions "$1" | awk -v text="$text" '
BEGIN { print "\t.section .ksyms.table, \"a\"\n\t.balign 8\n.Ltable:" }
{ addr[NR] = $1; name[NR] = $2; sub(/^skiff\./, "", name[NR]) }
END {
	printf "\t.long %d, 0\n", NR
	for (i = 1; i <= NR; i++)
		printf "\t.long 0x%s - 0x%s, .Lname%d - .Ltable\n", addr[i], text, i
	for (i = 1; i <= NR; i++)
		printf ".Lname%d:\t.asciz \"%s\"\n", i, name[i]
	print "\t.section .note.GNU-stack, \"\", @progbits"
}'
