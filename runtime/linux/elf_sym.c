/*
 * Symbol lookup over an ELF file's .symtab and its string table (elf.h,
 * elf_symbolize()), for crash reports of Linux binaries: "main.main+0x1c".
 * The section headers, the symbol table and every name are checked against
 * the file before use; a table that lies is either refused (-EINVAL) or
 * its bad entries are skipped, never read past.
 */
#include <kernel/errno.h>
#include <kernel/types.h>

#include "elf.h"
#include "elf_priv.h"

/* With e_shnum == 0, the real count is in section 0's size; at most this
 * many are believed. */
#define SHNUM_MAX (1U << 20)

/* The section headers: where they are and how many. */
struct sections {
	const void *file;
	size_t size;
	uint64_t off;
	uint64_t num;
};

/* A table found through the section headers: its bytes in the file. */
struct table {
	const unsigned char *base;
	uint64_t size;
};

static void read_shdr(const struct sections *s, uint64_t i, struct elf_shdr *sh)
{
	elf_read(s->file, s->off + i * sizeof(*sh), sh, sizeof(*sh));
}

/* Find the section headers. 0, -ENOENT (none) or -EINVAL. */
static int open_sections(struct sections *s, const void *file, size_t size)
{
	const unsigned char *id = file;
	struct elf_ehdr eh;
	struct elf_shdr sh0;

	if (size < sizeof(eh) || id[0] != 0x7f || id[1] != 'E' ||
	    id[2] != 'L' || id[3] != 'F' || id[EI_CLASS] != ELFCLASS64 ||
	    id[EI_DATA] != ELFDATA2LSB)
		return -EINVAL;
	elf_read(file, 0, &eh, sizeof(eh));
	s->file = file;
	s->size = size;
	s->off = eh.shoff;
	s->num = eh.shnum;
	if (eh.shoff == 0)
		return -ENOENT;
	if (eh.shentsize != sizeof(struct elf_shdr))
		return -EINVAL;
	if (s->num == 0) { /* extended numbering */
		if (!elf_in_file(size, s->off, sizeof(sh0)))
			return -EINVAL;
		read_shdr(s, 0, &sh0);
		if (sh0.size > SHNUM_MAX)
			return -EINVAL;
		s->num = sh0.size;
	}
	if (!elf_in_file(size, s->off, s->num * sizeof(struct elf_shdr)))
		return -EINVAL;
	return 0;
}

/* The bytes of section i, which must have the given type. */
static int section_table(const struct sections *s, uint64_t i, uint32_t type,
			 struct table *t, struct elf_shdr *sh)
{
	if (i >= s->num)
		return -EINVAL;
	read_shdr(s, i, sh);
	if (sh->type != type || !elf_in_file(s->size, sh->offset, sh->size))
		return -EINVAL;
	t->base = (const unsigned char *)s->file + sh->offset;
	t->size = sh->size;
	return 0;
}

/* The first SHT_SYMTAB section and its string table. */
static int find_symtab(const struct sections *s, struct table *syms,
		       struct table *strs)
{
	struct elf_shdr sh, str;
	uint64_t i;

	for (i = 1; i < s->num; i++) {
		read_shdr(s, i, &sh);
		if (sh.type != SHT_SYMTAB)
			continue;
		if (sh.entsize != sizeof(struct elf_sym) ||
		    section_table(s, i, SHT_SYMTAB, syms, &sh))
			return -EINVAL;
		return section_table(s, sh.link, SHT_STRTAB, strs, &str);
	}
	return -ENOENT;
}

/* The name at off in the string table, if it is non-empty and
 * NUL-terminated inside the table; else NULL. */
static const char *name_at(const struct table *strs, uint64_t off)
{
	uint64_t n;

	if (off >= strs->size || strs->base[off] == '\0')
		return NULL;
	for (n = off; n < strs->size; n++)
		if (strs->base[n] == '\0')
			return (const char *)strs->base + off;
	return NULL;
}

/* The best match so far: a sized symbol that contains the address beats
 * a sizeless one below it; among equals, the highest value wins. */
struct match {
	const char *name;
	uint64_t value;
	bool sized;
};

static void consider(struct match *m, const struct elf_sym *sym,
		     const struct table *strs, uint64_t addr)
{
	bool sized = sym->size != 0;
	uint8_t type = sym->info & 0xf;
	const char *name;

	/* Functions, and untyped labels (assembly's _start often is one). */
	if ((type != STT_FUNC && type != STT_NOTYPE) ||
	    sym->shndx == SHN_UNDEF || sym->value > addr)
		return;
	if (sized && addr - sym->value >= sym->size)
		return;
	if (m->name &&
	    (m->sized > sized || (m->sized == sized && m->value >= sym->value)))
		return;
	name = name_at(strs, sym->name);
	if (!name)
		return;
	m->name = name;
	m->value = sym->value;
	m->sized = sized;
}

int elf_symbolize(const void *file, size_t size, uint64_t addr,
		  const char **name, uint64_t *offset)
{
	struct sections s;
	struct table syms, strs;
	struct match m = {0};
	struct elf_sym sym;
	uint64_t i;
	int rc;

	rc = open_sections(&s, file, size);
	if (!rc)
		rc = find_symtab(&s, &syms, &strs);
	if (rc)
		return rc;
	for (i = 1; i < syms.size / sizeof(sym); i++) {
		memcpy(&sym, syms.base + i * sizeof(sym), sizeof(sym));
		consider(&m, &sym, &strs, addr);
	}
	if (!m.name)
		return -ENOENT;
	*name = m.name;
	*offset = addr - m.value;
	return 0;
}
