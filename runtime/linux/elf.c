/*
 * The ELF reader (elf.h): checks a static x86-64 Linux executable field by
 * field and fills a struct elf_image for the loader. The checks run in the
 * order a reader of the file would meet the fields (identification, the
 * header, then each program header), and the first failure is reported
 * with a reason. Position-independent executables without an interpreter
 * (static-pie) are placed at ELF_PIE_BASE; anything that needs a dynamic
 * loader is refused.
 */
#include <kernel/errno.h>
#include <kernel/printk.h>
#include <kernel/types.h>
#include <stdarg.h>

#include "elf.h"
#include "elf_priv.h"

/* The longest PT_INTERP path quoted in a reason. */
#define INTERP_SHOWN 63
/* The largest initial TLS image accepted (glibc's and musl's are a few
 * hundred bytes; Go has none). */
#define TLS_MAX (16ULL << 20)

/* One parse: the file, the reason buffer and the image being filled. */
struct parse {
	const void *file;
	size_t size;
	char *why;
	size_t whylen;
	struct elf_ehdr eh;
	struct elf_image *img;
	/* Where the first segment's page is in the file and at run time:
	 * equal for ET_EXEC; ELF_PIE_BASE at run time for ET_DYN. */
	uint64_t file_base, run_base;
	bool have_base;
	unsigned int last_load; /* program header index of the last PT_LOAD */
	/* Program headers met on the way, checked once all are read. */
	bool have_phdr, have_dynamic;
	struct elf_phdr phdr, dynamic;
};

/* Write the reason and return err. */
static int __printf(3, 4) refuse(struct parse *p, int err, const char *fmt, ...)
{
	va_list ap;

	if (p->why && p->whylen) {
		va_start(ap, fmt);
		vsnprintk(p->why, p->whylen, fmt, ap);
		va_end(ap);
	}
	return err;
}

static bool is_pow2_or_0(uint64_t x)
{
	return (x & (x - 1)) == 0;
}

/* The identification bytes: magic, class, byte order, version, OS ABI. */
static int check_ident(struct parse *p)
{
	const unsigned char *id = p->file;

	if (p->size < 4 || id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' ||
	    id[3] != 'F')
		return refuse(p, -ENOEXEC, "not an ELF file");
	if (p->size < EI_NIDENT)
		return refuse(p, -EINVAL,
			      "truncated ELF header (%zu of 64 bytes)",
			      p->size);
	if (id[EI_CLASS] == ELFCLASS32)
		return refuse(p, -ENOEXEC, "32-bit ELF");
	if (id[EI_CLASS] != ELFCLASS64)
		return refuse(p, -EINVAL, "bad ELF class %u", id[EI_CLASS]);
	if (id[EI_DATA] == ELFDATA2MSB)
		return refuse(p, -ENOEXEC, "big-endian ELF");
	if (id[EI_DATA] != ELFDATA2LSB)
		return refuse(p, -EINVAL, "bad ELF byte order %u", id[EI_DATA]);
	if (id[EI_VERSION] != EV_CURRENT)
		return refuse(p, -EINVAL, "bad ELF version %u", id[EI_VERSION]);
	if (id[EI_OSABI] != ELFOSABI_SYSV && id[EI_OSABI] != ELFOSABI_LINUX)
		return refuse(p, -ENOEXEC, "not a Linux binary (OS ABI %u)",
			      id[EI_OSABI]);
	return 0;
}

/* The ELF header after the identification. */
static int check_header(struct parse *p)
{
	const struct elf_ehdr *eh = &p->eh;

	if (p->size < sizeof(*eh))
		return refuse(p, -EINVAL,
			      "truncated ELF header (%zu of 64 bytes)",
			      p->size);
	elf_read(p->file, 0, &p->eh, sizeof(p->eh));
	if (eh->machine != EM_X86_64)
		return refuse(p, -ENOEXEC, "not x86-64 (machine %u)",
			      eh->machine);
	if (eh->version != EV_CURRENT)
		return refuse(p, -EINVAL, "bad ELF version %u", eh->version);
	if (eh->type == ET_REL)
		return refuse(
		    p, -ENOEXEC,
		    "a relocatable object (ET_REL), not an executable");
	if (eh->type == ET_CORE)
		return refuse(p, -ENOEXEC,
			      "a core dump (ET_CORE), not an "
			      "executable");
	if (eh->type != ET_EXEC && eh->type != ET_DYN)
		return refuse(p, -ENOEXEC, "not an executable (ELF type %u)",
			      eh->type);
	if (eh->ehsize < sizeof(*eh))
		return refuse(p, -EINVAL, "bad ELF header size %u", eh->ehsize);
	if (eh->phentsize != ELF_PHENT_SIZE)
		return refuse(p, -EINVAL,
			      "bad program header size %u (expected %u)",
			      eh->phentsize, ELF_PHENT_SIZE);
	if (eh->phnum == 0)
		return refuse(p, -ENOEXEC, "no program headers");
	if (eh->phnum > ELF_MAX_PHDRS)
		return refuse(p, -EINVAL,
			      "too many program headers (%u, at most %u)",
			      eh->phnum, ELF_MAX_PHDRS);
	if (!elf_in_file(p->size, eh->phoff,
			 (uint64_t)eh->phnum * ELF_PHENT_SIZE))
		return refuse(p, -EINVAL,
			      "program headers extend beyond the file");
	if (eh->phoff % 8)
		return refuse(
		    p, -EINVAL,
		    "program headers not 8-byte aligned (offset 0x%llx)",
		    (unsigned long long)eh->phoff);
	return 0;
}

/* PT_INTERP: always refused, quoting the loader it names (printable
 * characters only, at most INTERP_SHOWN of them). */
static int refuse_interp(struct parse *p, const struct elf_phdr *ph)
{
	char path[INTERP_SHOWN + 1];
	const unsigned char *s;
	size_t n = 0;

	if (elf_in_file(p->size, ph->offset, ph->filesz)) {
		s = (const unsigned char *)p->file + ph->offset;
		while (n < ph->filesz && n < INTERP_SHOWN && s[n] >= 0x20 &&
		       s[n] < 0x7f) {
			path[n] = (char)s[n];
			n++;
		}
	}
	path[n] = '\0';
	return refuse(p, -ENOEXEC, "dynamically linked (has PT_INTERP %s)",
		      n ? path : "?");
}

static int prot_of(uint32_t flags)
{
	return (flags & PF_R ? ELF_PROT_READ : 0) |
	       (flags & PF_W ? ELF_PROT_WRITE : 0) |
	       (flags & PF_X ? ELF_PROT_EXEC : 0);
}

/* Where segment i, at vaddr in the file with memsz bytes, runs: *start.
 * Fails if it leaves the lower half or comes below ELF_USER_MIN. */
static int place(struct parse *p, unsigned int i, uint64_t vaddr,
		 uint64_t memsz, uint64_t *start)
{
	uint64_t rel = vaddr - p->file_base;
	/* (a first segment above the lower half leaves no room at all) */
	uint64_t room =
	    p->run_base < ELF_USER_END ? ELF_USER_END - p->run_base : 0;

	if (vaddr < p->file_base)
		return refuse(p, -EINVAL,
			      "segment %u is not in ascending address order",
			      i);
	if (rel >= room || memsz > room - rel)
		return refuse(p, -ENOEXEC,
			      "segment %u in the upper half "
			      "(0x%llx + 0x%llx)",
			      i, (unsigned long long)vaddr,
			      (unsigned long long)memsz);
	*start = p->run_base + rel;
	if (*start < ELF_USER_MIN)
		return refuse(p, -ENOEXEC,
			      "segment %u at 0x%llx: below 64 KiB, where "
			      "address 0 must stay unmapped",
			      i, (unsigned long long)*start);
	return 0;
}

/* The file-side checks of PT_LOAD segment i. */
static int check_load_file(struct parse *p, unsigned int i,
			   const struct elf_phdr *ph)
{
	if (ph->filesz > ph->memsz)
		return refuse(p, -EINVAL, "segment %u: filesz > memsz", i);
	if (!elf_in_file(p->size, ph->offset, ph->filesz))
		return refuse(p, -EINVAL, "segment %u extends beyond the file",
			      i);
	if (!is_pow2_or_0(ph->align))
		return refuse(
		    p, -EINVAL,
		    "segment %u: alignment 0x%llx is not a power of two", i,
		    (unsigned long long)ph->align);
	if (ph->filesz && ph->vaddr % PAGE_SIZE != ph->offset % PAGE_SIZE)
		return refuse(
		    p, -EINVAL,
		    "segment %u: address 0x%llx and file offset 0x%llx "
		    "differ within a page",
		    i, (unsigned long long)ph->vaddr,
		    (unsigned long long)ph->offset);
	return 0;
}

/* PT_LOAD segment i: check it and append it to the image. Empty segments
 * are skipped, as Linux does. */
static int add_load(struct parse *p, unsigned int i, const struct elf_phdr *ph)
{
	struct elf_image *img = p->img;
	struct elf_load *prev, *l;
	uint64_t start = 0;
	int rc;

	if (ph->memsz == 0)
		return 0;
	rc = check_load_file(p, i, ph);
	if (rc)
		return rc;
	if (img->nloads == ELF_MAX_LOADS)
		return refuse(p, -EINVAL,
			      "too many segments (more than %u PT_LOAD)",
			      ELF_MAX_LOADS);
	if (!p->have_base) {
		p->file_base = ALIGN_DOWN(ph->vaddr, PAGE_SIZE);
		p->run_base = img->pie ? ELF_PIE_BASE : p->file_base;
		img->bias = p->run_base - p->file_base;
		p->have_base = true;
	}
	rc = place(p, i, ph->vaddr, ph->memsz, &start);
	if (rc)
		return rc;
	if (img->nloads) {
		prev = &img->loads[img->nloads - 1];
		if (start < prev->vaddr)
			return refuse(p, -EINVAL,
				      "segment %u is not in "
				      "ascending address order",
				      i);
		if (ALIGN_DOWN(start, PAGE_SIZE) <
		    ALIGN_UP(prev->vaddr + prev->memsz, PAGE_SIZE))
			return refuse(p, -EINVAL,
				      "segment %u overlaps segment %u", i,
				      p->last_load);
	}
	p->last_load = i;
	l = &img->loads[img->nloads++];
	l->vaddr = start;
	l->memsz = ph->memsz;
	l->offset = ph->offset;
	l->filesz = ph->filesz;
	l->align = ph->align;
	l->prot = prot_of(ph->flags);
	return 0;
}

/* PT_TLS: recorded, checked against the segments later. */
static int add_tls(struct parse *p, const struct elf_phdr *ph)
{
	struct elf_image *img = p->img;

	if (img->tls_memsz)
		return refuse(p, -EINVAL, "more than one PT_TLS");
	if (ph->filesz > ph->memsz)
		return refuse(p, -EINVAL, "PT_TLS: filesz > memsz");
	if (ph->memsz > TLS_MAX)
		return refuse(p, -EINVAL, "PT_TLS of 0x%llx bytes is too large",
			      (unsigned long long)ph->memsz);
	if (!is_pow2_or_0(ph->align) || ph->align > PAGE_SIZE)
		return refuse(p, -EINVAL, "PT_TLS: bad alignment 0x%llx",
			      (unsigned long long)ph->align);
	img->tls_vaddr = ph->vaddr; /* the bias is added later */
	img->tls_filesz = ph->filesz;
	img->tls_memsz = ph->memsz;
	img->tls_align = ph->align ? ph->align : 1;
	return 0;
}

/* One program header (index i). */
static int read_phdr(struct parse *p, unsigned int i)
{
	struct elf_phdr ph;

	elf_read(p->file, p->eh.phoff + (uint64_t)i * ELF_PHENT_SIZE, &ph,
		 sizeof(ph));
	switch (ph.type) {
	case PT_LOAD:
		return add_load(p, i, &ph);
	case PT_INTERP:
		return refuse_interp(p, &ph);
	case PT_DYNAMIC:
		p->have_dynamic = true;
		p->dynamic = ph;
		return 0;
	case PT_PHDR:
		p->have_phdr = true;
		p->phdr = ph;
		return 0;
	case PT_TLS:
		return add_tls(p, &ph);
	case PT_GNU_STACK:
		p->img->has_gnu_stack = true;
		p->img->stack_prot = prot_of(ph.flags);
		return 0;
	default: /* notes, PT_GNU_RELRO, ...: nothing to load */
		return 0;
	}
}

/* A binary with a dynamic section must not need shared libraries. */
static int check_dynamic(struct parse *p)
{
	const struct elf_phdr *ph = &p->dynamic;
	struct elf_dyn d;
	uint64_t off;

	if (!elf_in_file(p->size, ph->offset, ph->filesz))
		return refuse(p, -EINVAL, "PT_DYNAMIC extends beyond the file");
	for (off = 0; off + sizeof(d) <= ph->filesz; off += sizeof(d)) {
		elf_read(p->file, ph->offset + off, &d, sizeof(d));
		if (d.tag == DT_NULL)
			break;
		if (d.tag == DT_NEEDED)
			return refuse(p, -ENOEXEC,
				      "dynamically linked (needs shared "
				      "libraries but has no PT_INTERP)");
	}
	return 0;
}

/* The segment whose memory holds [addr, addr + len), with its file bytes
 * if file is set; NULL if none. */
static const struct elf_load *segment_of(const struct elf_image *img,
					 uint64_t addr, uint64_t len, bool file)
{
	const struct elf_load *l;
	uint64_t n;
	unsigned int i;

	for (i = 0; i < img->nloads; i++) {
		l = &img->loads[i];
		n = file ? l->filesz : l->memsz;
		if (addr >= l->vaddr && addr - l->vaddr <= n &&
		    len <= n - (addr - l->vaddr))
			return l;
	}
	return NULL;
}

/* AT_PHDR: from PT_PHDR, else the segment whose file bytes hold them. */
static int find_phdrs(struct parse *p)
{
	struct elf_image *img = p->img;
	uint64_t len = (uint64_t)img->phnum * ELF_PHENT_SIZE;
	const struct elf_load *l;
	unsigned int i;

	if (p->have_phdr) {
		img->phdr_addr = p->phdr.vaddr + img->bias;
		if (!segment_of(img, img->phdr_addr, len, true))
			return refuse(p, -EINVAL,
				      "PT_PHDR (0x%llx) is not inside a loaded "
				      "segment",
				      (unsigned long long)p->phdr.vaddr);
		return 0;
	}
	for (i = 0; i < img->nloads; i++) {
		l = &img->loads[i];
		if (l->offset <= img->phoff &&
		    img->phoff - l->offset <= l->filesz &&
		    len <= l->filesz - (img->phoff - l->offset)) {
			img->phdr_addr = l->vaddr + (img->phoff - l->offset);
			return 0;
		}
	}
	return 0; /* not mapped: the loader copies them if it wants to */
}

/* The checks that need every program header: entry, TLS, bounds. */
static int check_image(struct parse *p)
{
	struct elf_image *img = p->img;
	const struct elf_load *l;
	int rc;

	if (img->nloads == 0)
		return refuse(p, -ENOEXEC, "no loadable segments");
	if (p->have_dynamic) {
		rc = check_dynamic(p);
		if (rc)
			return rc;
	}
	img->entry = p->eh.entry + img->bias;
	l = segment_of(img, img->entry, 1, false);
	if (!l || !(l->prot & ELF_PROT_EXEC))
		return refuse(p, -EINVAL,
			      "entry point 0x%llx outside any executable "
			      "segment",
			      (unsigned long long)p->eh.entry);
	if (img->tls_memsz) {
		img->tls_vaddr += img->bias;
		if (!segment_of(img, img->tls_vaddr, img->tls_filesz, false))
			return refuse(p, -EINVAL,
				      "PT_TLS is not inside a loaded segment");
	}
	rc = find_phdrs(p);
	if (rc)
		return rc;
	l = &img->loads[img->nloads - 1];
	img->lo = ALIGN_DOWN(img->loads[0].vaddr, PAGE_SIZE);
	img->hi = ALIGN_UP(l->vaddr + l->memsz, PAGE_SIZE);
	return 0;
}

int elf_parse(const void *file, size_t size, struct elf_image *out, char *why,
	      size_t whylen)
{
	struct parse p = {.file = file,
			  .size = size,
			  .why = why,
			  .whylen = whylen,
			  .img = out};
	unsigned int i;
	int rc;

	memset(out, 0, sizeof(*out));
	if (why && whylen)
		why[0] = '\0';
	rc = check_ident(&p);
	if (!rc)
		rc = check_header(&p);
	if (!rc) {
		out->pie = p.eh.type == ET_DYN;
		out->phoff = p.eh.phoff;
		out->phnum = p.eh.phnum;
		out->phentsize = ELF_PHENT_SIZE;
		out->stack_prot = ELF_PROT_READ | ELF_PROT_WRITE;
	}
	for (i = 0; !rc && i < p.eh.phnum; i++)
		rc = read_phdr(&p, i);
	if (!rc)
		rc = check_image(&p);
	if (rc)
		memset(out, 0, sizeof(*out));
	return rc;
}
