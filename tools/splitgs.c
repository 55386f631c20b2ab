/*
 * splitgs: move the split-stack check of a linked Skiff image from FS to
 * GS. GCC's -fsplit-stack prologue compares the stack pointer (or a
 * register holding it less the frame size) with the limit at %fs:0x70,
 * and GCC has no option to pick another segment. Skiff keeps that limit
 * in a per-CPU area that the kernel GS base points at (docs/design.md,
 * "Stack overflow"), so that FS can hold a Linux program's TLS while the
 * kernel runs. This rewrites, in place, every
 *   64 REX.W(48|4c) 3b ModRM(mod 00, r/m 100) 25 70 00 00 00
 * (cmp %fs:0x70,%reg with an absolute SIB address) in the image's
 * executable sections into the same instruction with the GS prefix (65).
 * Data (the embedded Linux binary and the vDSO are read-only data) is
 * never touched. tools/splitgs.sh runs it and checks the result with
 * objdump.
 *   usage: splitgs IMAGE       prints the number of instructions changed
 */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PATTERN_LEN 9

/* Whether p (PATTERN_LEN bytes) is the FS-relative split-stack compare. */
static int is_fs_limit_cmp(const unsigned char *p)
{
	static const unsigned char disp[4] = {0x70, 0, 0, 0};

	return p[0] == 0x64 && (p[1] == 0x48 || p[1] == 0x4c) && p[2] == 0x3b &&
	       (p[3] & 0xc7) == 0x04 && p[4] == 0x25 &&
	       memcmp(p + 5, disp, sizeof(disp)) == 0;
}

static int fail(const char *path, const char *why)
{
	fprintf(stderr, "splitgs: %s: %s\n", path, why);
	return 1;
}

/* Patch the executable sections of the ELF64 file in buf; returns the
 * count, or -1 with a message for a file that is not what it must be. */
static long patch(const char *path, unsigned char *buf, size_t size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)buf;
	long count = 0;
	unsigned int i;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_machine != EM_X86_64)
		return fail(path, "not an x86-64 ELF64 file"), -1;
	if (eh->e_shentsize != sizeof(Elf64_Shdr) || eh->e_shoff > size ||
	    (size - eh->e_shoff) / sizeof(Elf64_Shdr) < eh->e_shnum)
		return fail(path, "bad section header table"), -1;
	for (i = 0; i < eh->e_shnum; i++) {
		const Elf64_Shdr *sh =
		    (const Elf64_Shdr *)(buf + eh->e_shoff) + i;
		unsigned char *s;
		size_t j;

		if (sh->sh_type != SHT_PROGBITS ||
		    !(sh->sh_flags & SHF_EXECINSTR))
			continue;
		if (sh->sh_offset > size || sh->sh_size > size - sh->sh_offset)
			return fail(path, "a section lies outside the file"),
			       -1;
		s = buf + sh->sh_offset;
		for (j = 0; j + PATTERN_LEN <= sh->sh_size; j++)
			if (is_fs_limit_cmp(s + j)) {
				s[j] = 0x65;
				count++;
				j += PATTERN_LEN - 1;
			}
	}
	return count;
}

int main(int argc, char **argv)
{
	unsigned char *buf;
	long size, count;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: splitgs IMAGE\n");
		return 2;
	}
	f = fopen(argv[1], "r+b");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		return fail(argv[1], strerror(errno));
	buf = malloc(size ? (size_t)size : 1);
	if (!buf)
		return fail(argv[1], "out of memory");
	if (fread(buf, 1, (size_t)size, f) != (size_t)size)
		return fail(argv[1], "short read");
	count = patch(argv[1], buf, (size_t)size);
	if (count < 0)
		return 1;
	if (fseek(f, 0, SEEK_SET) ||
	    fwrite(buf, 1, (size_t)size, f) != (size_t)size || fclose(f))
		return fail(argv[1], "cannot write it back");
	printf("%ld\n", count);
	free(buf);
	return 0;
}
