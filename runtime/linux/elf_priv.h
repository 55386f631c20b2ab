/*
 * The 64-bit ELF structures as they lie in a file, shared by the ELF
 * reader (elf.c) and the symbol lookup (elf_sym.c). Declared here rather
 * than taken from <elf.h>, which newlib does not have. Fields are read by
 * copying a whole structure out of the file (elf_read()), so a file that is
 * not aligned is read correctly. x86-64 and its ELF files are little-endian.
 */
#ifndef RUNTIME_LINUX_ELF_PRIV_H
#define RUNTIME_LINUX_ELF_PRIV_H

#include <kernel/string.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EI_NIDENT 16
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define EI_OSABI 7
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define ELFOSABI_SYSV 0
#define ELFOSABI_LINUX 3
#define EV_CURRENT 1
#define EM_X86_64 62

#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4

#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_PHDR 6
#define PT_TLS 7
#define PT_GNU_STACK 0x6474e551U

#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHN_UNDEF 0
#define STT_NOTYPE 0
#define STT_FUNC 2

#define DT_NULL 0
#define DT_NEEDED 1

struct elf_ehdr {
	uint8_t ident[EI_NIDENT];
	uint16_t type;
	uint16_t machine;
	uint32_t version;
	uint64_t entry;
	uint64_t phoff;
	uint64_t shoff;
	uint32_t flags;
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
};

struct elf_phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

struct elf_shdr {
	uint32_t name;
	uint32_t type;
	uint64_t flags;
	uint64_t addr;
	uint64_t offset;
	uint64_t size;
	uint32_t link;
	uint32_t info;
	uint64_t addralign;
	uint64_t entsize;
};

struct elf_sym {
	uint32_t name;
	uint8_t info;
	uint8_t other;
	uint16_t shndx;
	uint64_t value;
	uint64_t size;
};

struct elf_dyn {
	int64_t tag;
	uint64_t val;
};

/* The layouts the file format fixes. */
_Static_assert(sizeof(struct elf_ehdr) == 64, "ELF header");
_Static_assert(sizeof(struct elf_phdr) == 56, "program header");
_Static_assert(sizeof(struct elf_shdr) == 64, "section header");
_Static_assert(sizeof(struct elf_sym) == 24, "symbol");
_Static_assert(sizeof(struct elf_dyn) == 16, "dynamic entry");

/* Whether [off, off + len) lies inside a file of size bytes, without
 * overflowing. */
static inline bool elf_in_file(size_t size, uint64_t off, uint64_t len)
{
	return off <= size && len <= size - off;
}

/* Copy len bytes at off out of the file; the caller checked the range. */
static inline void elf_read(const void *file, uint64_t off, void *dst,
			    size_t len)
{
	memcpy(dst, (const unsigned char *)file + off, len);
}

#endif
