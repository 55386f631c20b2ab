#!/usr/bin/env bash
# Regenerate the binary seeds of tests/fuzz/corpus that are easier to
# build than to write by hand: small newc cpio archives (cpio/) and tiny
# static x86-64 executables (elf/: ET_EXEC and static-pie, with a TLS
# segment and a symbol table). The script seeds of the fuzzers that play
# a backend, a store or a server (in the harnesses' encodings) are
# committed as they are; the rest are written by hand, or are inputs a
# fuzzer found (regress-*). The output is committed; run this only to
# change those seeds.
#   usage: make-seeds.sh [CORPUS_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=${1:-$here/corpus}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# cpio: a tree with a directory, files, a symlink and an empty file.
mkdir -p "$corpus/cpio" "$tmp/tree/etc/sub"
echo "hello" >"$tmp/tree/etc/motd"
: >"$tmp/tree/etc/sub/empty"
ln -s ../etc/motd "$tmp/tree/etc/link"
(cd "$tmp/tree" && find . | LC_ALL=C sort | cpio -o -H newc --quiet \
	--reproducible 2>/dev/null >"$corpus/cpio/tree.cpio" ||
	find . | LC_ALL=C sort | cpio -o -H newc --quiet >"$corpus/cpio/tree.cpio")
# The same archive cut short of its trailer.
head -c 300 "$corpus/cpio/tree.cpio" >"$corpus/cpio/truncated.cpio"

# elf: _start loops; a thread-local word and a function symbol.
mkdir -p "$corpus/elf"
cat >"$tmp/t.s" <<'ASM'
	.text
	.globl _start
	.type _start, @function
_start:
	movq %fs:0, %rax
	call helper
	jmp _start
	.size _start, . - _start
	.type helper, @function
helper:
	ret
	.size helper, . - helper
	.section .tdata, "awT", @progbits
	.long 42
	.section .tbss, "awT", @nobits
	.zero 16
	.data
	.quad 1
ASM
as -o "$tmp/t.o" "$tmp/t.s"
ld -static -z noseparate-code -z noexecstack -o "$corpus/elf/exec" "$tmp/t.o"
ld -static -pie --no-dynamic-linker -z noseparate-code -z noexecstack \
	-o "$corpus/elf/static-pie" "$tmp/t.o"
ls -l "$corpus/cpio" "$corpus/elf"
