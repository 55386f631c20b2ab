/*
 * Tests of runtime/linux/elf.c and elf_sym.c (the ELF reader of the
 * Linux-binary port). Synthetic executables are written here field by
 * field, then broken one way at a time and each reason is checked; real
 * binaries built by tests/host/elf/fixtures.sh (static, dynamic and
 * static-pie glibc; static musl; Go) are parsed and symbolized, and every
 * truncation and many byte mutations of them must be refused or described
 * consistently. Every file sits in a buffer of its exact size, so
 * AddressSanitizer stops any read past the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/linux/elf.h"
#include "../../runtime/linux/elf_priv.h"
#include "check.h"

#ifndef ELF_FIXTURES
#error "ELF_FIXTURES: the folder of the real binaries (see the Makefile)"
#endif

#define PG 0x1000
#define SYN_SIZE (4 * PG)
#define WHY 160

/* --- Synthetic executables ------------------------------------------ */

/* Header page, text page, data page (0x100 bytes of file, 0x5000 in
 * memory), then a page for section tables. */
struct syn {
	unsigned char b[SYN_SIZE];
	size_t size;
	unsigned int phnum;
};

static struct elf_ehdr *eh(struct syn *s)
{
	return (struct elf_ehdr *)s->b;
}

static struct elf_phdr *ph(struct syn *s, unsigned int i)
{
	return (struct elf_phdr *)(s->b + 64 + i * 56);
}

static unsigned int add_ph(struct syn *s, uint32_t type, uint32_t flags,
			   uint64_t off, uint64_t vaddr, uint64_t filesz,
			   uint64_t memsz)
{
	struct elf_phdr *p = ph(s, s->phnum);

	memset(p, 0, sizeof(*p));
	p->type = type;
	p->flags = flags;
	p->offset = off;
	p->vaddr = p->paddr = vaddr;
	p->filesz = filesz;
	p->memsz = memsz;
	p->align = type == PT_LOAD ? PG : 8;
	eh(s)->phnum = (uint16_t)++s->phnum;
	return s->phnum - 1;
}

/* A valid static executable of 3 pages at 0x400000, entry in the text. */
static void syn_init(struct syn *s)
{
	struct elf_ehdr *e = eh(s);

	memset(s, 0, sizeof(*s));
	memcpy(e->ident,
	       "\x7f"
	       "ELF",
	       4);
	e->ident[EI_CLASS] = ELFCLASS64;
	e->ident[EI_DATA] = ELFDATA2LSB;
	e->ident[EI_VERSION] = EV_CURRENT;
	e->type = ET_EXEC;
	e->machine = EM_X86_64;
	e->version = EV_CURRENT;
	e->entry = 0x401010;
	e->phoff = 64;
	e->ehsize = 64;
	e->phentsize = 56;
	add_ph(s, PT_LOAD, PF_R, 0, 0x400000, PG, PG);
	add_ph(s, PT_LOAD, PF_R | PF_X, PG, 0x401000, PG, PG);
	add_ph(s, PT_LOAD, PF_R | PF_W, 2 * PG, 0x402000, 0x100, 0x5000);
	add_ph(s, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
	s->size = 2 * PG + 0x100;
}

/* Parse n bytes of buf from a copy of exactly n bytes. */
static int parse_exact(const void *buf, size_t n, struct elf_image *img,
		       char *why)
{
	void *copy = malloc(n ? n : 1);
	int rc;

	memcpy(copy, buf, n);
	rc = elf_parse(copy, n, img, why, WHY);
	free(copy);
	return rc;
}

/* What elf_parse promises about an image it accepted. */
static bool image_sane(const struct elf_image *img, size_t size)
{
	const struct elf_load *l, *prev = NULL;
	bool entry_ok = false, phdr_ok = img->phdr_addr == 0;
	unsigned int i;

	if (!CHECK(img->nloads >= 1 && img->nloads <= ELF_MAX_LOADS) ||
	    !CHECK(img->phnum >= 1 && img->phentsize == 56))
		return false;
	for (i = 0; i < img->nloads; i++) {
		l = &img->loads[i];
		if (!CHECK(l->vaddr >= ELF_USER_MIN && l->memsz > 0) ||
		    !CHECK(l->memsz <= ELF_USER_END - l->vaddr) ||
		    !CHECK(l->filesz <= l->memsz) ||
		    !CHECK(l->offset <= size && l->filesz <= size - l->offset))
			return false;
		if (prev && !CHECK(l->vaddr / PG >=
				   (prev->vaddr + prev->memsz + PG - 1) / PG))
			return false;
		if ((l->prot & ELF_PROT_EXEC) && img->entry >= l->vaddr &&
		    img->entry - l->vaddr < l->memsz)
			entry_ok = true;
		if (img->phdr_addr >= l->vaddr &&
		    img->phdr_addr - l->vaddr < l->filesz)
			phdr_ok = true;
		prev = l;
	}
	return CHECK(entry_ok) && CHECK(phdr_ok) &&
	       CHECK(img->lo % PG == 0 && img->lo <= img->loads[0].vaddr) &&
	       CHECK(img->hi % PG == 0 && img->hi >= prev->vaddr + prev->memsz);
}

static void synthetic_valid(void)
{
	struct syn s;
	struct elf_image img;
	char why[WHY];

	syn_init(&s);
	if (!CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0))
		return;
	CHECK_STR(why, "");
	CHECK_EQ_U64(img.entry, 0x401010);
	CHECK_EQ_U64(img.nloads, 3);
	CHECK_EQ_U64(img.loads[0].prot, ELF_PROT_READ);
	CHECK_EQ_U64(img.loads[1].prot, ELF_PROT_READ | ELF_PROT_EXEC);
	CHECK_EQ_U64(img.loads[2].prot, ELF_PROT_READ | ELF_PROT_WRITE);
	CHECK_EQ_U64(img.loads[2].filesz, 0x100);
	CHECK_EQ_U64(img.loads[2].memsz, 0x5000);
	CHECK_EQ_U64(img.loads[2].offset, 2 * PG);
	/* No PT_PHDR: found in the first segment, which maps offset 64. */
	CHECK_EQ_U64(img.phdr_addr, 0x400040);
	CHECK_EQ_U64(img.phnum, 4);
	CHECK_EQ_U64(img.phentsize, 56);
	CHECK_EQ_U64(img.lo, 0x400000);
	CHECK_EQ_U64(img.hi, 0x407000);
	CHECK_EQ_U64(img.bias, 0);
	CHECK(!img.pie);
	CHECK(img.has_gnu_stack);
	CHECK_EQ_U64(img.stack_prot, ELF_PROT_READ | ELF_PROT_WRITE);
	CHECK_EQ_U64(img.tls_memsz, 0);
	image_sane(&img, s.size);
	/* why may be NULL. */
	CHECK_EQ_I64(elf_parse(s.b, s.size, &img, NULL, 0), 0);
}

/* One way to break the synthetic executable, and what must be said. */
struct breakage {
	const char *what;
	void (*apply)(struct syn *s);
	int err;
	const char *reason; /* a substring of why */
};

static void b_magic(struct syn *s)
{
	s->b[1] = 'e';
}
static void b_class32(struct syn *s)
{
	s->b[EI_CLASS] = ELFCLASS32;
}
static void b_class(struct syn *s)
{
	s->b[EI_CLASS] = 7;
}
static void b_msb(struct syn *s)
{
	s->b[EI_DATA] = ELFDATA2MSB;
}
static void b_version(struct syn *s)
{
	eh(s)->version = 2;
}
static void b_osabi(struct syn *s)
{
	s->b[EI_OSABI] = 9; /* FreeBSD */
}
static void b_machine(struct syn *s)
{
	eh(s)->machine = 183; /* AArch64 */
}
static void b_rel(struct syn *s)
{
	eh(s)->type = ET_REL;
}
static void b_core(struct syn *s)
{
	eh(s)->type = ET_CORE;
}
static void b_type(struct syn *s)
{
	eh(s)->type = 0xfe00;
}
static void b_ehsize(struct syn *s)
{
	eh(s)->ehsize = 52;
}
static void b_phentsize(struct syn *s)
{
	eh(s)->phentsize = 32;
}
static void b_phnum0(struct syn *s)
{
	eh(s)->phnum = 0;
}
static void b_phnum_many(struct syn *s)
{
	eh(s)->phnum = 65;
}
static void b_phoff_end(struct syn *s)
{
	eh(s)->phoff = s->size - 100;
}
static void b_phoff_wrap(struct syn *s)
{
	eh(s)->phoff = ~0ULL - 8;
}
static void b_phoff_align(struct syn *s)
{
	eh(s)->phoff = 68;
}
static void b_interp(struct syn *s)
{
	static const char path[] = "/lib64/ld-linux-x86-64.so.2";

	memcpy(s->b + 0x300, path, sizeof(path));
	add_ph(s, PT_INTERP, PF_R, 0x300, 0x400300, sizeof(path), sizeof(path));
}
static void b_interp_garbage(struct syn *s)
{
	add_ph(s, PT_INTERP, PF_R, s->size - 2, 0, 1000, 1000);
}
static void b_needed(struct syn *s)
{
	struct elf_dyn d[2] = {{DT_NEEDED, 1}, {DT_NULL, 0}};

	memcpy(s->b + 0x400, d, sizeof(d));
	add_ph(s, PT_DYNAMIC, PF_R, 0x400, 0x400400, sizeof(d), sizeof(d));
}
static void b_dynamic_end(struct syn *s)
{
	add_ph(s, PT_DYNAMIC, PF_R, s->size - 8, 0x400400, 32, 32);
}
static void b_filesz(struct syn *s)
{
	ph(s, 2)->filesz = 0x6000;
}
static void b_beyond(struct syn *s)
{
	ph(s, 2)->filesz = 0x101;
}
static void b_offset_wrap(struct syn *s)
{
	ph(s, 2)->offset = ~0ULL - 0x10;
}
static void b_upper(struct syn *s)
{
	ph(s, 2)->vaddr = 0xffffffff80002000ULL;
}
/* Every segment (the first one too) above the lower half. */
static void b_all_upper(struct syn *s)
{
	unsigned int i;

	for (i = 0; i < 3; i++)
		ph(s, i)->vaddr += 0xfff000000000ULL;
	eh(s)->entry += 0xfff000000000ULL;
}
static void b_straddle(struct syn *s)
{
	ph(s, 2)->vaddr = 0x7ffffffff000ULL;
}
static void b_vaddr_wrap(struct syn *s)
{
	ph(s, 2)->memsz = ~0ULL - 0x1000;
}
static void b_low(struct syn *s)
{
	ph(s, 0)->vaddr = 0x1000;
	ph(s, 0)->offset = 0;
}
static void b_overlap(struct syn *s)
{
	ph(s, 2)->vaddr = 0x401800; /* the text's page */
	ph(s, 2)->offset = 0x1800;
	ph(s, 2)->filesz = 0x100;
}
static void b_order(struct syn *s)
{
	ph(s, 2)->vaddr = 0x3f0000;
}
static void b_align(struct syn *s)
{
	ph(s, 1)->align = 0x3000;
}
static void b_congruence(struct syn *s)
{
	ph(s, 2)->vaddr = 0x402010;
}
static void b_many(struct syn *s)
{
	unsigned int i;

	for (i = 0; i < 15; i++)
		add_ph(s, PT_LOAD, PF_R | PF_W, 2 * PG, 0x410000 + i * PG * 2,
		       0x10, 0x10);
}
static void b_no_load(struct syn *s)
{
	ph(s, 0)->type = ph(s, 1)->type = ph(s, 2)->type = PT_NOTE;
}
static void b_entry_data(struct syn *s)
{
	eh(s)->entry = 0x402010;
}
static void b_entry_out(struct syn *s)
{
	eh(s)->entry = 0x900000;
}
static void b_entry_end(struct syn *s)
{
	eh(s)->entry = 0x402000; /* one past the text */
}
static void b_phdr_out(struct syn *s)
{
	add_ph(s, PT_PHDR, PF_R, 64, 0x402080, 5 * 56, 5 * 56);
}
static void b_tls_two(struct syn *s)
{
	add_ph(s, PT_TLS, PF_R, 2 * PG, 0x402000, 0x10, 0x20);
	add_ph(s, PT_TLS, PF_R, 2 * PG, 0x402000, 0x10, 0x20);
}
static void b_tls_filesz(struct syn *s)
{
	add_ph(s, PT_TLS, PF_R, 2 * PG, 0x402000, 0x30, 0x20);
}
static void b_tls_big(struct syn *s)
{
	add_ph(s, PT_TLS, PF_R, 2 * PG, 0x402000, 0x10, 1ULL << 40);
}
static void b_tls_align(struct syn *s)
{
	unsigned int i = add_ph(s, PT_TLS, PF_R, 2 * PG, 0x402000, 0x10, 0x20);

	ph(s, i)->align = 24;
}
static void b_tls_out(struct syn *s)
{
	add_ph(s, PT_TLS, PF_R, 2 * PG, 0x40a000, 0x10, 0x20);
}

static const struct breakage breakages[] = {
    {"magic", b_magic, -ENOEXEC, "not an ELF file"},
    {"class32", b_class32, -ENOEXEC, "32-bit ELF"},
    {"class", b_class, -EINVAL, "bad ELF class 7"},
    {"msb", b_msb, -ENOEXEC, "big-endian"},
    {"version", b_version, -EINVAL, "bad ELF version 2"},
    {"osabi", b_osabi, -ENOEXEC, "OS ABI 9"},
    {"machine", b_machine, -ENOEXEC, "not x86-64 (machine 183)"},
    {"rel", b_rel, -ENOEXEC, "ET_REL"},
    {"core", b_core, -ENOEXEC, "ET_CORE"},
    {"type", b_type, -ENOEXEC, "ELF type 65024"},
    {"ehsize", b_ehsize, -EINVAL, "bad ELF header size 52"},
    {"phentsize", b_phentsize, -EINVAL,
     "bad program header size 32 (expected 56)"},
    {"phnum0", b_phnum0, -ENOEXEC, "no program headers"},
    {"phnum_many", b_phnum_many, -EINVAL, "too many program headers (65"},
    {"phoff_end", b_phoff_end, -EINVAL, "extend beyond the file"},
    {"phoff_wrap", b_phoff_wrap, -EINVAL, "extend beyond the file"},
    {"phoff_align", b_phoff_align, -EINVAL, "not 8-byte aligned"},
    {"interp", b_interp, -ENOEXEC,
     "dynamically linked (has PT_INTERP /lib64/ld-linux-x86-64.so.2)"},
    {"interp_garbage", b_interp_garbage, -ENOEXEC,
     "dynamically linked (has PT_INTERP ?)"},
    {"needed", b_needed, -ENOEXEC, "needs shared libraries"},
    {"dynamic_end", b_dynamic_end, -EINVAL, "PT_DYNAMIC extends beyond"},
    {"filesz", b_filesz, -EINVAL, "segment 2: filesz > memsz"},
    {"beyond", b_beyond, -EINVAL, "segment 2 extends beyond the file"},
    {"offset_wrap", b_offset_wrap, -EINVAL, "segment 2 extends beyond"},
    {"upper", b_upper, -ENOEXEC, "segment 2 in the upper half"},
    {"all_upper", b_all_upper, -ENOEXEC, "segment 0 in the upper half"},
    {"straddle", b_straddle, -ENOEXEC, "segment 2 in the upper half"},
    {"vaddr_wrap", b_vaddr_wrap, -ENOEXEC, "segment 2 in the upper half"},
    {"low", b_low, -ENOEXEC, "segment 0 at 0x1000: below 64 KiB"},
    {"overlap", b_overlap, -EINVAL, "segment 2 overlaps segment 1"},
    {"order", b_order, -EINVAL, "segment 2 is not in ascending"},
    {"align", b_align, -EINVAL, "segment 1: alignment 0x3000"},
    {"congruence", b_congruence, -EINVAL, "differ within a page"},
    {"many", b_many, -EINVAL, "too many segments (more than 16"},
    {"no_load", b_no_load, -ENOEXEC, "no loadable segments"},
    {"entry_data", b_entry_data, -EINVAL,
     "entry point 0x402010 outside any executable segment"},
    {"entry_out", b_entry_out, -EINVAL, "entry point 0x900000 outside"},
    {"entry_end", b_entry_end, -EINVAL, "entry point 0x402000 outside"},
    {"phdr_out", b_phdr_out, -EINVAL, "PT_PHDR (0x402080) is not inside"},
    {"tls_two", b_tls_two, -EINVAL, "more than one PT_TLS"},
    {"tls_filesz", b_tls_filesz, -EINVAL, "PT_TLS: filesz > memsz"},
    {"tls_big", b_tls_big, -EINVAL, "too large"},
    {"tls_align", b_tls_align, -EINVAL, "PT_TLS: bad alignment 0x18"},
    {"tls_out", b_tls_out, -EINVAL, "PT_TLS is not inside"},
};

static void synthetic_reasons(void)
{
	struct elf_image img;
	char why[WHY];
	struct syn s;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(breakages) / sizeof(breakages[0]); i++) {
		syn_init(&s);
		breakages[i].apply(&s);
		memset(&img, 0xa5, sizeof(img));
		rc = parse_exact(s.b, s.size, &img, why);
		if (!CHECK_EQ_I64(rc, breakages[i].err) ||
		    !CHECK(strstr(why, breakages[i].reason)))
			FAIL("%s: got %d \"%s\", want \"%s\"",
			     breakages[i].what, rc, why, breakages[i].reason);
		/* A refused file leaves nothing half-described. */
		CHECK_EQ_U64(img.nloads, 0);
		CHECK_EQ_U64(img.entry, 0);
		CHECK(!strchr(why, '\n'));
	}
}

/* A short reason buffer still gets a terminated prefix. */
static void synthetic_short_why(void)
{
	struct elf_image img;
	char why[8];
	struct syn s;

	syn_init(&s);
	b_machine(&s);
	CHECK_EQ_I64(elf_parse(s.b, s.size, &img, why, sizeof(why)), -ENOEXEC);
	CHECK_STR(why, "not x86");
	CHECK_EQ_I64(elf_parse("\x7f"
			       "EL",
			       3, &img, why, sizeof(why)),
		     -ENOEXEC);
	CHECK_EQ_I64(elf_parse("", 0, &img, why, sizeof(why)), -ENOEXEC);
}

static void synthetic_pie(void)
{
	struct elf_image img;
	char why[WHY];
	struct syn s;
	unsigned int i;

	syn_init(&s);
	eh(&s)->type = ET_DYN;
	eh(&s)->entry = 0x1010;
	for (i = 0; i < 3; i++)
		ph(&s, i)->vaddr -= 0x400000;
	add_ph(&s, PT_PHDR, PF_R, 64, 64, 5 * 56, 5 * 56);
	if (!CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0)) {
		FAIL("%s", why);
		return;
	}
	CHECK(img.pie);
	CHECK_EQ_U64(img.bias, ELF_PIE_BASE);
	CHECK_EQ_U64(img.entry, ELF_PIE_BASE + 0x1010);
	CHECK_EQ_U64(img.loads[0].vaddr, ELF_PIE_BASE);
	CHECK_EQ_U64(img.loads[2].vaddr, ELF_PIE_BASE + 0x2000);
	CHECK_EQ_U64(img.phdr_addr, ELF_PIE_BASE + 64);
	CHECK_EQ_U64(img.lo, ELF_PIE_BASE);
	image_sane(&img, s.size);

	/* A static-pie whose dynamic section needs nothing is accepted... */
	struct elf_dyn d[2] = {{0x6ffffffb, 1}, {DT_NULL, 0}}; /* DT_FLAGS_1 */
	memcpy(s.b + 0x400, d, sizeof(d));
	add_ph(&s, PT_DYNAMIC, PF_R, 0x400, 0x400, sizeof(d), sizeof(d));
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0);
	/* ... and one that wants an interpreter is not. */
	b_interp(&s);
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), -ENOEXEC);
	/* A PIE placed from a high first address cannot leave the half. */
	syn_init(&s);
	eh(&s)->type = ET_DYN;
	ph(&s, 2)->vaddr = 0x7ffffff00000ULL;
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), -ENOEXEC);
}

static void synthetic_phdrs_and_tls(void)
{
	struct elf_image img;
	char why[WHY];
	struct syn s;

	/* PT_PHDR inside the first segment. */
	syn_init(&s);
	add_ph(&s, PT_PHDR, PF_R, 64, 0x400040, 5 * 56, 5 * 56);
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0);
	CHECK_EQ_U64(img.phdr_addr, 0x400040);
	/* Program headers in no segment's file bytes: not mapped, 0. */
	syn_init(&s);
	ph(&s, 0)->type = PT_NOTE;
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0);
	CHECK_EQ_U64(img.phdr_addr, 0);
	CHECK_EQ_U64(img.phoff, 64);
	CHECK_EQ_U64(img.nloads, 2);
	/* TLS in the data segment; an empty segment is skipped. */
	syn_init(&s);
	add_ph(&s, PT_TLS, PF_R, 2 * PG, 0x402000, 0x10, 0x40);
	add_ph(&s, PT_LOAD, PF_R, 0, 0x900000, 0, 0);
	ph(&s, 3)->flags = PF_R | PF_W | PF_X;
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0);
	CHECK_EQ_U64(img.tls_vaddr, 0x402000);
	CHECK_EQ_U64(img.tls_filesz, 0x10);
	CHECK_EQ_U64(img.tls_memsz, 0x40);
	CHECK_EQ_U64(img.tls_align, 8);
	CHECK_EQ_U64(img.nloads, 3);
	CHECK_EQ_U64(img.stack_prot,
		     ELF_PROT_READ | ELF_PROT_WRITE | ELF_PROT_EXEC);
	/* No PT_GNU_STACK: read + write. */
	syn_init(&s);
	ph(&s, 3)->type = PT_NOTE;
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0);
	CHECK(!img.has_gnu_stack);
	CHECK_EQ_U64(img.stack_prot, ELF_PROT_READ | ELF_PROT_WRITE);
}

/* Every truncation of the synthetic file is refused (its last segment
 * ends at the end of the file). */
static void synthetic_truncations(void)
{
	struct elf_image img;
	char why[WHY];
	struct syn s;
	size_t n;

	syn_init(&s);
	for (n = 0; n < s.size; n++)
		if (!CHECK(parse_exact(s.b, n, &img, why) < 0)) {
			FAIL("length %zu accepted", n);
			return;
		}
	CHECK_EQ_I64(parse_exact(s.b, s.size, &img, why), 0);
}

/* Mutate every byte of [0, len) with a few values: each result is
 * refused or sane. Returns how many were accepted. */
static unsigned int mutate_all(const unsigned char *file, size_t size,
			       size_t len)
{
	static const int deltas[] = {1, -1, 0x80, 0x10};
	unsigned char *copy = malloc(size);
	struct elf_image img;
	char why[WHY];
	unsigned int accepted = 0;
	size_t i, k;

	memcpy(copy, file, size);
	for (i = 0; i < len && i < size; i++) {
		for (k = 0; k < 6; k++) {
			if (k < 4)
				copy[i] = (unsigned char)(file[i] + deltas[k]);
			else
				copy[i] = k == 4 ? 0 : 0xff;
			if (elf_parse(copy, size, &img, why, WHY) == 0) {
				accepted++;
				if (!image_sane(&img, size)) {
					FAIL("byte %zu = 0x%x", i, copy[i]);
					free(copy);
					return accepted;
				}
			} else if (!CHECK(why[0])) {
				break;
			}
		}
		copy[i] = file[i];
	}
	free(copy);
	return accepted;
}

static void synthetic_mutations(void)
{
	struct syn s;

	syn_init(&s);
	/* Some mutations must be harmless (e.g. flags, paddr), some not. */
	CHECK(mutate_all(s.b, s.size, 64 + s.phnum * 56) > 0);
}

/* --- Symbols ---------------------------------------------------------- */

/* Add section headers to the synthetic file: [1] .symtab, [2] .strtab,
 * symbols from the table below, in the fourth page. */
#define SYM_OFF (3 * PG)
#define STR_OFF (3 * PG + 0x200)
#define SH_OFF (3 * PG + 0x400)

static const char strtab[] = "\0main\0helper\0start\0data\0bad";

static void add_symbols(struct syn *s)
{
	struct elf_sym syms[] = {
	    {0, 0, 0, 0, 0, 0},
	    {1, STT_FUNC, 0, 2, 0x401010, 0x20},      /* main */
	    {6, STT_FUNC, 0, 2, 0x401030, 0x10},      /* helper */
	    {13, STT_NOTYPE, 0, 2, 0x401000, 0},      /* start */
	    {19, 1 /* OBJECT */, 0, 3, 0x402000, 8},  /* data */
	    {6, STT_FUNC, 0, SHN_UNDEF, 0x401018, 4}, /* undefined */
	    {24, STT_FUNC, 0, 2, 0x401060, 0x10},     /* bad: no NUL */
	};
	struct elf_shdr sh[3] = {{0}};

	memcpy(s->b + SYM_OFF, syms, sizeof(syms));
	memcpy(s->b + STR_OFF, strtab, sizeof(strtab) - 1); /* no last NUL */
	sh[1].type = SHT_SYMTAB;
	sh[1].offset = SYM_OFF;
	sh[1].size = sizeof(syms);
	sh[1].entsize = sizeof(syms[0]);
	sh[1].link = 2;
	sh[2].type = SHT_STRTAB;
	sh[2].offset = STR_OFF;
	sh[2].size = sizeof(strtab) - 1;
	memcpy(s->b + SH_OFF, sh, sizeof(sh));
	eh(s)->shoff = SH_OFF;
	eh(s)->shentsize = sizeof(sh[0]);
	eh(s)->shnum = 3;
	s->size = SH_OFF + sizeof(sh);
}

/* Look addr up in a copy of exactly n bytes; *name is copied out. */
static int symbolize_exact(const void *buf, size_t n, uint64_t addr, char *name,
			   uint64_t *off)
{
	unsigned char *copy = malloc(n);
	const char *got = NULL;
	int rc;

	memcpy(copy, buf, n);
	rc = elf_symbolize(copy, n, addr, &got, off);
	name[0] = '\0';
	if (rc == 0) {
		CHECK((const unsigned char *)got >= copy &&
		      (const unsigned char *)got < copy + n);
		CHECK(strlen(got) < 64);
		snprintf(name, 64, "%s", got);
	}
	free(copy);
	return rc;
}

static void symbols_synthetic(void)
{
	struct syn s;
	char name[64];
	uint64_t off = 0;

	syn_init(&s);
	add_symbols(&s);
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x40101c, name, &off), 0);
	CHECK_STR(name, "main");
	CHECK_EQ_U64(off, 0xc);
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401030, name, &off), 0);
	CHECK_STR(name, "helper");
	CHECK_EQ_U64(off, 0);
	/* Not inside a sized symbol: the untyped label below it. */
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401008, name, &off), 0);
	CHECK_STR(name, "start");
	CHECK_EQ_U64(off, 8);
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401044, name, &off), 0);
	CHECK_STR(name, "start");
	/* The unterminated name is skipped, objects are not functions. */
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401064, name, &off), 0);
	CHECK_STR(name, "start");
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x3fffff, name, &off),
		     -ENOENT);
	/* No section headers at all. */
	syn_init(&s);
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -ENOENT);
}

static void symbols_hostile(void)
{
	struct elf_shdr *sh;
	struct syn s;
	char name[64];
	uint64_t off;

	syn_init(&s);
	add_symbols(&s);
	sh = (struct elf_shdr *)(s.b + SH_OFF);
	sh[1].link = 7;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	sh[1].link = 1; /* a string table that is the symbol table */
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	sh[1].link = 2;
	sh[1].entsize = 16;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	sh[1].entsize = 24;
	sh[1].size = ~0ULL;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	sh[1].size = 7 * 24;
	sh[2].offset = s.size - 4;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	sh[2].offset = STR_OFF;
	eh(&s)->shnum = 200;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	eh(&s)->shentsize = 40;
	eh(&s)->shnum = 3;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	eh(&s)->shentsize = 64;
	/* Extended numbering: the count is in section 0's size. */
	eh(&s)->shnum = 0;
	sh[0].size = 3;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off), 0);
	CHECK_STR(name, "main");
	sh[0].size = 1ULL << 40;
	CHECK_EQ_I64(symbolize_exact(s.b, s.size, 0x401010, name, &off),
		     -EINVAL);
	CHECK_EQ_I64(symbolize_exact(s.b, 40, 0x401010, name, &off), -EINVAL);
}

/* Every byte of the section headers, symbols and strings mutated, and
 * every truncation: never a read outside, never a name outside. */
static void symbols_mutations(void)
{
	static const unsigned char vals[] = {0, 1, 0x7f, 0x80, 0xff};
	struct syn s;
	unsigned char *copy;
	char name[64];
	uint64_t off;
	size_t i, k;

	syn_init(&s);
	add_symbols(&s);
	copy = malloc(s.size);
	memcpy(copy, s.b, s.size);
	for (i = 0; i < s.size; i++) {
		if (i == 64) /* skip to the tables */
			i = SYM_OFF;
		for (k = 0; k < sizeof(vals); k++) {
			copy[i] = vals[k];
			symbolize_exact(copy, s.size, 0x40101c, name, &off);
		}
		copy[i] = s.b[i];
	}
	for (i = 0; i < s.size; i += 7)
		symbolize_exact(s.b, i, 0x40101c, name, &off);
	free(copy);
}

/* --- Real binaries ---------------------------------------------------- */

struct file {
	unsigned char *b;
	size_t size;
};

/* Read ELF_FIXTURES/name into a buffer of its exact size; false (with a
 * note) if it is not there. */
static bool load(const char *name, struct file *f)
{
	char path[512];
	FILE *fp;
	long n;

	snprintf(path, sizeof(path), "%s/%s", ELF_FIXTURES, name);
	fp = fopen(path, "rb");
	if (!fp)
		return false;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	f->size = (size_t)n;
	f->b = malloc(f->size);
	if (fread(f->b, 1, f->size, fp) != f->size) {
		FAIL("short read of %s", path);
		fclose(fp);
		return false;
	}
	fclose(fp);
	return true;
}

/* The test's own (trusting) lookup of a symbol's value by name. */
static uint64_t value_of(const struct file *f, const char *want)
{
	const struct elf_ehdr *e = (const void *)f->b;
	const struct elf_shdr *sh = (const void *)(f->b + e->shoff);
	const struct elf_sym *sym;
	const char *str;
	size_t i, j;

	for (i = 0; i < e->shnum; i++) {
		if (sh[i].type != SHT_SYMTAB)
			continue;
		sym = (const void *)(f->b + sh[i].offset);
		str = (const char *)f->b + sh[sh[i].link].offset;
		for (j = 0; j < sh[i].size / sizeof(*sym); j++)
			if (!strcmp(str + sym[j].name, want))
				return sym[j].value;
	}
	return 0;
}

/* Parse a real static binary, look up its entry symbol and main. */
static bool real_static(const char *file, const char *entry_sym,
			const char *main_sym, struct elf_image *img,
			struct file *f)
{
	char why[WHY], name[64];
	uint64_t off, v;

	if (!load(file, f)) {
		printf("  note: %s/%s not built (toolchain missing): skipped\n",
		       ELF_FIXTURES, file);
		return false;
	}
	if (!CHECK_EQ_I64(elf_parse(f->b, f->size, img, why, WHY), 0)) {
		FAIL("%s: %s", file, why);
		return false;
	}
	image_sane(img, f->size);
	CHECK(!img->pie);
	CHECK_EQ_U64(img->loads[0].vaddr, 0x400000);
	CHECK_EQ_U64(img->phdr_addr, 0x400040);
	CHECK_EQ_I64(symbolize_exact(f->b, f->size, img->entry, name, &off), 0);
	CHECK_STR(name, entry_sym);
	CHECK_EQ_U64(off, 0);
	v = value_of(f, main_sym);
	if (CHECK(v != 0)) {
		CHECK_EQ_I64(symbolize_exact(f->b, f->size, v + 5, name, &off),
			     0);
		CHECK_STR(name, main_sym);
		CHECK_EQ_U64(off, 5);
	}
	return true;
}

static void real_glibc_static(void)
{
	struct elf_image img;
	struct file f;

	if (!real_static("hello-static", "_start", "main", &img, &f))
		return;
	CHECK(img.tls_memsz > 0); /* the __thread counter */
	CHECK(img.has_gnu_stack);
	free(f.b);
}

static void real_musl_static(void)
{
	struct elf_image img;
	struct file f;

	if (!real_static("hello-musl", "_start", "main", &img, &f))
		return;
	CHECK(img.tls_memsz > 0);
	free(f.b);
}

static void real_go(void)
{
	struct elf_image img;
	struct file f;

	if (!real_static("hello-go", "_rt0_amd64_linux", "main.main", &img, &f))
		return;
	CHECK_EQ_U64(img.tls_memsz, 0);
	free(f.b);
}

static void real_dynamic(void)
{
	struct elf_image img;
	char why[WHY];
	struct file f;

	if (!CHECK(load("hello-dynamic", &f)))
		return;
	CHECK_EQ_I64(elf_parse(f.b, f.size, &img, why, WHY), -ENOEXEC);
	CHECK_STR(why, "dynamically linked (has PT_INTERP "
		       "/lib64/ld-linux-x86-64.so.2)");
	free(f.b);
}

static void real_static_pie(void)
{
	struct elf_image img;
	char why[WHY], name[64];
	struct file f;
	uint64_t off;

	if (!CHECK(load("hello-static-pie", &f)))
		return;
	if (!CHECK_EQ_I64(elf_parse(f.b, f.size, &img, why, WHY), 0)) {
		FAIL("%s", why);
		return;
	}
	image_sane(&img, f.size);
	CHECK(img.pie);
	CHECK_EQ_U64(img.bias, ELF_PIE_BASE);
	CHECK_EQ_U64(img.lo, ELF_PIE_BASE);
	CHECK_EQ_I64(
	    symbolize_exact(f.b, f.size, img.entry - img.bias, name, &off), 0);
	CHECK_STR(name, "_start");
	free(f.b);
}

/* Every truncation of a real binary up to 8 KiB, then every 4093rd: all
 * refused until the end of the last segment's file bytes. */
static void real_truncations(void)
{
	struct elf_image img;
	char why[WHY];
	struct file f;
	uint64_t need = 0;
	size_t n;
	unsigned int i;

	if (!CHECK(load("hello-static", &f)))
		return;
	if (!CHECK_EQ_I64(elf_parse(f.b, f.size, &img, why, WHY), 0))
		return;
	for (i = 0; i < img.nloads; i++)
		if (img.loads[i].offset + img.loads[i].filesz > need)
			need = img.loads[i].offset + img.loads[i].filesz;
	for (n = 0; n < f.size; n += n < 8192 ? 1 : 4093) {
		int rc = parse_exact(f.b, n, &img, why);

		if (n < need && !CHECK(rc < 0)) {
			FAIL("length %zu of %llu accepted", n,
			     (unsigned long long)need);
			break;
		}
		if (rc == 0)
			image_sane(&img, n);
	}
	free(f.b);
}

static void real_mutations(void)
{
	static const char *const names[] = {"hello-static", "hello-musl",
					    "hello-go", "hello-dynamic",
					    "hello-static-pie"};
	const struct elf_ehdr *e;
	struct file f;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!load(names[i], &f))
			continue;
		e = (const void *)f.b;
		mutate_all(f.b, f.size, e->phoff + (size_t)e->phnum * 56);
		free(f.b);
	}
}

CHECK_MAIN("elf", CHECK_TEST(synthetic_valid), CHECK_TEST(synthetic_reasons),
	   CHECK_TEST(synthetic_short_why), CHECK_TEST(synthetic_pie),
	   CHECK_TEST(synthetic_phdrs_and_tls),
	   CHECK_TEST(synthetic_truncations), CHECK_TEST(synthetic_mutations),
	   CHECK_TEST(symbols_synthetic), CHECK_TEST(symbols_hostile),
	   CHECK_TEST(symbols_mutations), CHECK_TEST(real_glibc_static),
	   CHECK_TEST(real_musl_static), CHECK_TEST(real_go),
	   CHECK_TEST(real_dynamic), CHECK_TEST(real_static_pie),
	   CHECK_TEST(real_truncations), CHECK_TEST(real_mutations))
