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

functions "$1" | awk '
BEGIN { print "\t.section .ksyms.table, \"a\"\n\t.balign 8" }
{ addr[NR] = $1; name[NR] = $2; sub(/^skiff\./, "", name[NR]) }
END {
	for (i = 1; i <= NR; i++)
		printf "\t.quad 0x%s, .Lname%d\n", addr[i], i
	print "\t.section .ksyms.names, \"a\""
	for (i = 1; i <= NR; i++)
		printf ".Lname%d:\t.asciz \"%s\"\n", i, name[i]
	print "\t.section .note.GNU-stack, \"\", @progbits"
}'
