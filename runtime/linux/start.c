/*
 * The main() of an app that packages a Linux binary (docs/linux-binaries.md):
 * the loader. It checks the embedded ELF (elf_parse()), maps each PT_LOAD
 * segment at its address in the lower half (uvm: writable while its bytes
 * are copied in, then its own protection), maps an 8 MiB stack reserved
 * below the top of the lower half and backed as it is touched, builds the
 * initial stack there (argv from the xl config's extra=, a small fixed
 * environment, the auxiliary vector: ustack_build(), which points at the
 * vDSO mapped above the user address space), installs the system
 * call dispatcher and the fault report, and enters the entry point in PV
 * user mode in this thread, which becomes the program's first thread.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/uvm.h>

#include "elf.h"
#include "linux_priv.h"
#include "ustack.h"

/* Exit code when the embedded binary cannot run: Linux's shell says 126
 * for "found but cannot execute". */
#define EXIT_CANNOT_RUN 126
#define PAGE 4096ull
#define PAGE_DOWN(x) ((x) & ~(PAGE - 1))
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))
#define STACK_SIZE (8ull << 20)
#define STACK_END USER_VA_END
/* Where the program headers go when no segment holds them (AT_PHDR). */
#define PHDR_PAGE (STACK_END - STACK_SIZE - 2 * PAGE)

/* The ELF file, embedded by port.mk (runtime/linux/binary.S), and the
 * vDSO (vdso.c, vdso_image.S), whose image follows its vvar page. */
extern const unsigned char linux_binary_start[], linux_binary_end[];
extern const unsigned char vdso_image_start[], vdso_image_end[];
#define VDSO_EHDR (USER_VDSO_BASE + PAGE)

struct linux_proc linux_proc;

void linux_syscall(struct user_regs *r);

/* The environment: a home and a path for programs that look, then the
 * app's APP_ENV (app_name.o), then env= boot options, a later word
 * replacing an earlier one of the same name. */
#define ENV_MAX 64
static const char *environment[ENV_MAX] = {"HOME=/", "PATH=/"};
static int envc = 2;
extern const char *const skiff_app_env[];

static void env_put(const char *word)
{
	const char *eq = strchr(word, '=');
	int i;

	if (!eq || eq == word) {
		printf("linux: env=%s is not NAME=VALUE: ignored\n", word);
		return;
	}
	for (i = 0; i < envc; i++)
		if (!strncmp(environment[i], word, (size_t)(eq - word + 1))) {
			environment[i] = word;
			return;
		}
	if (envc == ENV_MAX) {
		printf("linux: more than %d environment words: %s ignored\n",
		       ENV_MAX, word);
		return;
	}
	environment[envc++] = word;
}

/* env=NAME=VALUE, repeatable; applied after APP_ENV. */
static const char *env_args[ENV_MAX];
static int nenv_args;

static void take_env(const char *value)
{
	if (nenv_args < ENV_MAX)
		env_args[nenv_args++] = value;
}
BOOT_OPTION("env", take_env);

static int fail(const char *what, long rc)
{
	printf("linux: cannot load the program: %s (error %ld)\n", what, rc);
	return EXIT_CANNOT_RUN;
}

/* Map [lo, hi) writable, copy bytes in, then give it prot. */
static int place(uint64_t vaddr, const void *bytes, uint64_t n, uint64_t memsz,
		 int prot)
{
	uint64_t lo = PAGE_DOWN(vaddr), hi = PAGE_UP(vaddr + memsz);
	unsigned long out;
	int rc;

	if ((rc = uvm_map(lo, hi - lo, UVM_PROT_READ | UVM_PROT_WRITE,
			  UVM_MAP_FIXED_NOREPLACE, &out)) < 0 ||
	    (rc = uvm_populate(lo, hi - lo)) < 0)
		return rc;
	memcpy((void *)vaddr, bytes, n); /* the rest stays zero */
	return uvm_protect(lo, hi - lo, prot);
}

static int load(const struct elf_image *img)
{
	const struct elf_load *l;
	unsigned int i;
	int rc;

	for (i = 0; i < img->nloads; i++) {
		l = &img->loads[i];
		if ((rc = place(l->vaddr, linux_binary_start + l->offset,
				l->filesz, l->memsz, l->prot)) < 0)
			return rc;
	}
	return 0;
}

/* The program's symbols name user addresses in fault reports. */
bool linux_symbolize(uint64_t addr, char *buf, size_t n)
{
	const struct linux_proc *p = linux_proc_self();
	const struct elf_image *img = &p->img;
	const char *name = NULL;
	uint64_t off = 0;

	if (elf_symbolize(p->file, p->size, addr - img->bias,
			  &name, &off) < 0 ||
	    !name)
		return false;
	snprintf(buf, n, "%s+0x%llx", name, (unsigned long long)off);
	return true;
}

static uint64_t cpuid1_edx(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}

/* The initial stack at the top of the stack mapping; *rsp gets the
 * program's stack pointer. */
static int build_stack(const struct elf_image *img, uint64_t phdr, int argc,
		       char **argv, uint64_t *rsp)
{
	uint8_t random[USTACK_RANDOM_LEN];
	struct ustack_info info = {
	    .argc = argc,
	    .argv = (const char *const *)argv,
	    .envc = envc,
	    .envp = environment,
	    .random = random,
	    .phdr = phdr,
	    .phent = img->phentsize,
	    .phnum = img->phnum,
	    .entry = img->entry,
	    .hwcap = cpuid1_edx(),
	    .sysinfo_ehdr = VDSO_EHDR,
	};
	unsigned long out;
	size_t need = ustack_size(&info);
	uint64_t lo;
	int rc;

	if (!need || need > STACK_SIZE / 2)
		return -E2BIG;
	random_bytes(random, sizeof(random)); /* AT_RANDOM */
	if ((rc = uvm_map(STACK_END - STACK_SIZE, STACK_SIZE,
			  UVM_PROT_READ | UVM_PROT_WRITE,
			  UVM_MAP_FIXED_NOREPLACE, &out)) < 0)
		return rc;
	lo = PAGE_DOWN(STACK_END - need);
	if ((rc = uvm_populate(lo, STACK_END - lo)) < 0)
		return rc;
	return ustack_build((void *)lo, STACK_END - lo, STACK_END, &info, rsp);
}

int main(int argc, char **argv)
{
	struct linux_proc *p = &linux_proc;
	struct elf_image *img = &p->img;
	struct user_regs regs;
	uint64_t phdr, rsp;
	char why[160];
	int rc, i;

	for (i = 0; skiff_app_env[i]; i++)
		env_put(skiff_app_env[i]);
	for (i = 0; i < nenv_args; i++)
		env_put(env_args[i]);
	p->file = linux_binary_start;
	p->size = (size_t)(linux_binary_end - linux_binary_start);
	p->argc = argc;
	p->argv = argv;
	p->envc = envc;
	p->envp = environment;
	if (elf_parse(p->file, p->size, img, why, sizeof(why)) < 0) {
		printf("linux: the embedded binary cannot run: %s\n", why);
		return EXIT_CANNOT_RUN;
	}
	if ((rc = load(img)) < 0)
		return fail("mapping its segments", rc);
	phdr = img->phdr_addr;
	if (!phdr) { /* musl finds its TLS through AT_PHDR */
		phdr = PHDR_PAGE;
		if ((rc = place(phdr, p->file + img->phoff,
				(uint64_t)img->phnum * img->phentsize, PAGE,
				UVM_PROT_READ)) < 0)
			return fail("mapping the program headers", rc);
	}
	if ((rc = uvm_map_vdso(USER_VDSO_BASE, vdso_image_start,
			       (size_t)(vdso_image_end - vdso_image_start))) <
	    0)
		return fail("mapping the vDSO", rc);
	p->brk_start = p->brk_cur = img->hi;
	if ((rc = build_stack(img, phdr, argc, argv, &rsp)) < 0)
		return fail("building the initial stack", rc);
	linux_proc_init(thread_current());
	if (!linux_thread_new(thread_current(), 1))
		return fail("out of memory", -ENOMEM);
	user_set_symbolizer(linux_symbolize);
	linux_signal_init();
	user_set_syscall_handler(linux_syscall);
	memset(&regs, 0, sizeof(regs));
	regs.rip = img->entry;
	regs.rsp = rsp;
	regs.rflags = 0x202; /* IF */
	user_enter(&regs);
}
