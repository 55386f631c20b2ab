/* vdso: a static musl program run as a Linux binary. It finds the vDSO
 * through getauxval(AT_SYSINFO_EHDR) and looks its functions up as Go's
 * runtime does: the program headers (the load offset, PT_DYNAMIC), the
 * dynamic section (symbols, strings, the SysV hash table, versions), each
 * name's version definition. Then it checks the vDSO's clocks against the
 * clock_gettime system call, read in turns: 2000 monotonic readings must
 * never go backwards, and the wall clocks (clock_gettime, gettimeofday,
 * time) must agree with the system call's within 100 ms. It prints the
 * cost of both kinds of call (not checked: timings are for make bench).
 * "vdso: PASS" and exit 0, or "vdso: FAIL ..." and exit 1. */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

typedef int (*clock_fn)(clockid_t, struct timespec *);
typedef int (*tod_fn)(struct timeval *, void *);
typedef long (*time_fn)(long *);

struct vdso {
	uintptr_t base, bias;
	const Elf64_Sym *sym;
	const char *str;
	const Elf64_Word *hash;
	const Elf64_Half *versym;
	const Elf64_Verdef *verdef;
};

static void fail(const char *what)
{
	printf("vdso: FAIL %s\n", what);
	exit(1);
}

static void parse(struct vdso *v, uintptr_t base)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)base;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(base + eh->e_phoff);
	const Elf64_Dyn *dyn = NULL;
	int i, loads = 0;

	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_type != ET_DYN ||
	    eh->e_machine != EM_X86_64)
		fail("not an x86-64 shared object");
	v->base = base;
	for (i = 0; i < eh->e_phnum; i++) {
		if (ph[i].p_type == PT_LOAD && !loads++)
			v->bias = base + ph[i].p_offset - ph[i].p_vaddr;
		if (ph[i].p_type == PT_DYNAMIC)
			dyn = (const Elf64_Dyn *)(base + ph[i].p_offset);
	}
	if (!loads || !dyn)
		fail("no PT_LOAD or PT_DYNAMIC");
	for (; dyn->d_tag != DT_NULL; dyn++) {
		uintptr_t p = v->bias + dyn->d_un.d_ptr;

		switch (dyn->d_tag) {
		case DT_SYMTAB:
			v->sym = (const Elf64_Sym *)p;
			break;
		case DT_STRTAB:
			v->str = (const char *)p;
			break;
		case DT_HASH:
			v->hash = (const Elf64_Word *)p;
			break;
		case DT_VERSYM:
			v->versym = (const Elf64_Half *)p;
			break;
		case DT_VERDEF:
			v->verdef = (const Elf64_Verdef *)p;
			break;
		}
	}
	if (!v->sym || !v->str || !v->hash || !v->versym || !v->verdef)
		fail("a dynamic entry is missing");
}

/* The name of version index ndx, from the version definitions. */
static const char *version(const struct vdso *v, unsigned ndx)
{
	const Elf64_Verdef *d = v->verdef;

	for (;;) {
		if ((d->vd_ndx & 0x7fff) == ndx) {
			const Elf64_Verdaux *a =
			    (const Elf64_Verdaux *)((const char *)d +
						    d->vd_aux);
			return v->str + a->vda_name;
		}
		if (!d->vd_next)
			return "";
		d = (const Elf64_Verdef *)((const char *)d + d->vd_next);
	}
}

/* name's address through the SysV hash table; it must be a function
 * defined under LINUX_2.6 and lie inside the image's first pages. */
static void *lookup(const struct vdso *v, const char *name)
{
	const unsigned char *n = (const unsigned char *)name;
	Elf64_Word nbucket = v->hash[0], h = 0, g, i;
	const Elf64_Word *bucket = v->hash + 2, *chain = bucket + nbucket;

	for (; *n; n++) { /* the ELF hash */
		h = (h << 4) + *n;
		g = h & 0xf0000000;
		h ^= g >> 24;
		h &= ~g;
	}
	for (i = bucket[h % nbucket]; i; i = chain[i]) {
		const Elf64_Sym *s = &v->sym[i];
		const char *ver;

		if (strcmp(v->str + s->st_name, name) ||
		    ELF64_ST_TYPE(s->st_info) != STT_FUNC ||
		    s->st_shndx == SHN_UNDEF)
			continue;
		ver = version(v, v->versym[i] & 0x7fff);
		if (strcmp(ver, "LINUX_2.6"))
			fail("a symbol with the wrong version");
		if (s->st_value >= 8192)
			fail("a symbol outside the image");
		printf("vdso: %s@%s at +0x%lx\n", name, ver,
		       (unsigned long)s->st_value);
		return (void *)(v->bias + s->st_value);
	}
	printf("vdso: no %s\n", name);
	fail("a symbol is missing");
	return NULL;
}

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static int64_t sys_ns(clockid_t id)
{
	struct timespec t;

	if (syscall(SYS_clock_gettime, id, &t))
		fail("the clock_gettime system call");
	return ns(&t);
}

static int64_t vdso_ns(clock_fn f, clockid_t id)
{
	struct timespec t;

	if (f(id, &t))
		fail("the vDSO's clock_gettime");
	return ns(&t);
}

static void monotonic(clock_fn f)
{
	int64_t last = 0, t;
	int i;

	for (i = 0; i < 2000; i++) {
		t = i % 2 ? sys_ns(CLOCK_MONOTONIC)
			  : vdso_ns(f, CLOCK_MONOTONIC);
		if (t < last) {
			printf("vdso: reading %d went back %lld ns (%s)\n", i,
			       (long long)(last - t),
			       i % 2 ? "system call" : "vDSO");
			fail("monotonic time went backwards");
		}
		last = t;
	}
	printf("vdso: monotonic: 2000 readings in order\n");
}

static void near(int64_t a, int64_t b, const char *what)
{
	if (a - b > 100000000 || b - a > 100000000) {
		printf("vdso: %s: %lld against %lld\n", what, (long long)a,
		       (long long)b);
		fail("the wall clocks disagree");
	}
}

static void realtime(clock_fn cg, tod_fn tod, time_fn tm)
{
	struct timeval tv;
	int64_t s = sys_ns(CLOCK_REALTIME);

	near(vdso_ns(cg, CLOCK_REALTIME), s, "clock_gettime(REALTIME)");
	if (tod(&tv, NULL))
		fail("the vDSO's gettimeofday");
	near((int64_t)tv.tv_sec * 1000000000 + tv.tv_usec * 1000, s,
	     "gettimeofday");
	near((int64_t)tm(NULL) * 1000000000, s - s % 1000000000, "time");
	if (s < 1600000000LL * 1000000000)
		fail("the wall clock is before 2020");
	printf("vdso: realtime agrees\n");
}

/* Nanoseconds per call of n calls, through the vDSO or the system call. */
static long cost(clock_fn f, int n)
{
	int64_t t0 = sys_ns(CLOCK_MONOTONIC);
	int i;

	for (i = 0; i < n; i++)
		f ? vdso_ns(f, CLOCK_MONOTONIC) : sys_ns(CLOCK_MONOTONIC);
	return (long)((sys_ns(CLOCK_MONOTONIC) - t0) / n);
}

int main(void)
{
	uintptr_t base = getauxval(AT_SYSINFO_EHDR);
	struct vdso v = {0};
	clock_fn cg;
	tod_fn tod;
	time_fn tm;

	if (!base)
		fail("no AT_SYSINFO_EHDR");
	printf("vdso: at %#lx\n", (unsigned long)base);
	parse(&v, base);
	cg = (clock_fn)lookup(&v, "__vdso_clock_gettime");
	tod = (tod_fn)lookup(&v, "__vdso_gettimeofday");
	tm = (time_fn)lookup(&v, "__vdso_time");
	monotonic(cg);
	realtime(cg, tod, tm);
	printf("vdso: clock_gettime costs %ld ns by the vDSO, %ld ns by a "
	       "system call\n",
	       cost(cg, 2000), cost(NULL, 200));
	printf("vdso: PASS\n");
	return 0;
}
