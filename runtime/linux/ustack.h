/*
 * The initial stack of a Linux process, as the x86-64 System V ABI and
 * Linux lay it out at a program's entry point: argc, the argv pointers
 * and a NULL, the envp pointers and a NULL, the auxiliary vector (type,
 * value pairs ending with AT_NULL), and above them the strings and the 16
 * random bytes they point at. It is built into a buffer that becomes the
 * top of the user stack. Pure: host-tested (tests/host/test_ustack.c).
 */
#ifndef RUNTIME_LINUX_USTACK_H
#define RUNTIME_LINUX_USTACK_H

#include <stddef.h>
#include <stdint.h>

/* Auxiliary vector types (Linux's <linux/auxvec.h> numbers). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31
#define AT_SYSINFO_EHDR 33

/* Bytes of AT_RANDOM. */
#define USTACK_RANDOM_LEN 16
/* AT_PAGESZ and AT_CLKTCK as Skiff reports them. */
#define USTACK_PAGE_SIZE 4096
#define USTACK_CLKTCK 100
/* The auxiliary vector's entries, AT_NULL included, with AT_SYSINFO_EHDR
 * (one fewer without). */
#define USTACK_NAUXV 19

/* What the stack carries. The strings are copied; nothing is kept. */
struct ustack_info {
	int argc;
	const char *const *argv; /* argc strings (argv[argc] is not read) */
	int envc;
	const char *const *envp; /* envc strings, "NAME=value" */
	const char *execfn;	 /* AT_EXECFN; NULL: argv[0], else "" */
	const uint8_t *random;	 /* AT_RANDOM's USTACK_RANDOM_LEN bytes */
	/* From struct elf_image: AT_PHDR (the program headers' user
	 * address; musl reads them, so it must be valid), AT_PHENT,
	 * AT_PHNUM, AT_ENTRY. */
	uint64_t phdr, phent, phnum, entry;
	uint64_t hwcap; /* AT_HWCAP: CPUID leaf 1's EDX on x86 */
	/* AT_SYSINFO_EHDR: the vDSO's ELF header; 0 leaves the entry out
	 * (a program then makes system calls for the time). */
	uint64_t sysinfo_ehdr;
};

/* Bytes ustack_build() needs for info (at most, with the alignment
 * padding), or 0 if info is invalid (see ustack_build). */
size_t ustack_size(const struct ustack_info *info);

/*
 * Build the initial stack for info at the top of buf: size bytes whose
 * end, buf + size, is the user address user_end (16-byte aligned). The
 * user's stack pointer at entry, 16-byte aligned and pointing at argc, is
 * returned in *rsp; every pointer stored is a user address inside
 * [user_end - size, user_end), and the 8 bytes just below user_end are
 * zero (Linux's end marker). Bytes of buf below *rsp are not touched.
 * Returns 0, -E2BIG if it does not fit in size bytes, or -EINVAL for a
 * negative count, a NULL string or array, a missing random, or an
 * unaligned user_end.
 */
int ustack_build(void *buf, size_t size, uint64_t user_end,
		 const struct ustack_info *info, uint64_t *rsp);

#endif
