/*
 * The ELF reader of the Linux-binary port: validates a static x86-64 Linux
 * executable held in memory (the image embedded in the unikernel, or a
 * file at build time) and describes what a loader must map, without
 * copying or allocating. Everything in the file is untrusted: no field is
 * used before it is checked against the file's size and the lower half of
 * the address space. Pure: built for the host too (tests/host/test_elf.c,
 * tools/elfcheck.c). See docs/linux-binaries.md.
 */
#ifndef RUNTIME_LINUX_ELF_H
#define RUNTIME_LINUX_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Segment permissions, with Linux's PROT_* values. */
#define ELF_PROT_READ 0x1
#define ELF_PROT_WRITE 0x2
#define ELF_PROT_EXEC 0x4

/* At most this many PT_LOAD segments (static binaries have 2 to 5). */
#define ELF_MAX_LOADS 16
/* At most this many program headers of any type. */
#define ELF_MAX_PHDRS 64
/* The lower half ends here: every segment must lie below it. */
#define ELF_USER_END 0x0000800000000000ULL
/* ... and above this, so that a NULL dereference always faults (Linux's
 * default vm.mmap_min_addr). */
#define ELF_USER_MIN 0x10000ULL
/* Where a static position-independent executable (ET_DYN without
 * PT_INTERP, e.g. gcc -static-pie) is placed: Linux's ELF_ET_DYN_BASE. */
#define ELF_PIE_BASE 0x0000555555554000ULL
/* Size of one program header of a 64-bit ELF (e_phentsize). */
#define ELF_PHENT_SIZE 56

/* One PT_LOAD segment. Addresses are where it runs (bias included). */
struct elf_load {
	uint64_t vaddr;	 /* first byte in memory */
	uint64_t memsz;	 /* bytes in memory; those past filesz are zero */
	uint64_t offset; /* of its first byte in the file */
	uint64_t filesz; /* bytes taken from the file; filesz <= memsz */
	uint64_t align;	 /* p_align (0, 1 or a power of two) */
	int prot;	 /* ELF_PROT_* */
};

/* What a loader needs to know, filled by elf_parse(). */
struct elf_image {
	uint64_t entry; /* AT_ENTRY, where execution starts */
	/*
	 * AT_PHDR: the address of the program headers in the loaded image
	 * (from PT_PHDR, or the load segment whose file bytes hold them), or
	 * 0 if no segment maps them: a loader that wants to pass AT_PHDR then
	 * copies phnum * phentsize bytes from phoff itself.
	 */
	uint64_t phdr_addr;
	uint64_t phoff;	    /* file offset of the program headers */
	uint16_t phnum;	    /* AT_PHNUM */
	uint16_t phentsize; /* AT_PHENT: always ELF_PHENT_SIZE */
	/* Added to every address of the file: 0 for ET_EXEC, the distance to
	 * ELF_PIE_BASE for a static position-independent executable. */
	uint64_t bias;
	bool pie;
	unsigned int nloads; /* entries of loads[], in ascending address */
	struct elf_load loads[ELF_MAX_LOADS];
	/* PT_TLS, the initial thread-local image, if tls_memsz != 0. */
	uint64_t tls_vaddr, tls_filesz, tls_memsz, tls_align;
	/* PT_GNU_STACK's permissions, else read + write (Skiff never makes
	 * the stack executable unless the binary asks for it). */
	int stack_prot;
	bool has_gnu_stack;
	/* Page-aligned bounds of all segments: lo is the first page, hi the
	 * end of the last (where a program break may start). */
	uint64_t lo, hi;
};

/*
 * Check the size bytes at file as a static x86-64 Linux executable and
 * describe it in *out. Returns 0, or a negative errno with a one-line
 * reason (no newline) written to why (whylen bytes, NUL-terminated; why
 * may be NULL):
 *   -ENOEXEC  not an executable for Skiff: "not an ELF file", "32-bit
 *             ELF", "not x86-64 (machine 183)", "dynamically linked (has
 *             PT_INTERP /lib64/ld-linux-x86-64.so.2)", ...
 *   -EINVAL   an ELF file that is malformed: a truncated header, an
 *             offset or size past the end of the file or that overflows,
 *             overlapping segments, an entry point outside any executable
 *             segment, ...
 * Nothing outside [file, file + size) is read. The file need not be
 * aligned.
 */
int elf_parse(const void *file, size_t size, struct elf_image *out, char *why,
	      size_t whylen);

/*
 * The function (or untyped) symbol of .symtab that contains addr (an address as the
 * file has it: subtract the image's bias first), for crash reports
 * ("main.main+0x1c"). Returns 0 with *name (NUL-terminated, pointing into
 * the file) and *offset (addr minus the symbol's value) set; -ENOENT if
 * no symbol contains addr or the file has no symbol table; -EINVAL if the
 * section headers are malformed. A symbol with a size contains
 * [value, value + size); when no sized symbol contains addr, the nearest
 * sizeless function symbol below it is taken. Entries whose name is not
 * NUL-terminated inside the string table are skipped.
 */
int elf_symbolize(const void *file, size_t size, uint64_t addr,
		  const char **name, uint64_t *offset);

#endif
