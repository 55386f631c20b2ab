/*
 * The main() of an app that packages a Linux binary (docs/linux-binaries.md).
 *
 * FOR NOW a dry run: it checks the embedded ELF with elf_parse(), prints
 * what a loader would map (segments, entry, TLS, program headers) and the
 * initial stack it would build from argv (ustack_build() into a scratch
 * buffer), then says that user mode is not available and exits 1. The
 * real loader (map the PT_LOAD segments at their addresses in the lower
 * half, build the stack at the top of a user stack, enter the entry point
 * in PV user mode) replaces this file once user mode (arch/x86_64/user*,
 * kernel/uvm*) and the system-call dispatcher (runtime/linux/syscall*.c)
 * are there.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "elf.h"
#include "ustack.h"

/* Exit code when the embedded binary cannot run: Linux's shell says 126
 * for "found but cannot execute". */
#define EXIT_CANNOT_RUN 126
/* Scratch stack of the dry run, and where its top would be. */
#define DRY_STACK_SIZE (64 * 1024)
#define DRY_STACK_END 0x00007ffffffff000ULL

/* The ELF file, embedded by port.mk (runtime/linux/binary.S). */
extern const unsigned char linux_binary_start[], linux_binary_end[];

static char prot_char(int prot, int bit, char c)
{
	return prot & bit ? c : '-';
}

static void print_image(const struct elf_image *img, size_t size)
{
	const unsigned char *file = linux_binary_start;
	const struct elf_load *l;
	const char *sym = NULL;
	uint64_t off = 0;
	unsigned int i;

	elf_symbolize(file, size, img->entry - img->bias, &sym, &off);
	printf("linux: static x86-64 executable, %zu bytes, entry 0x%llx "
	       "<%s+0x%llx>%s\n",
	       size, (unsigned long long)img->entry, sym ? sym : "?",
	       (unsigned long long)off,
	       img->pie ? " (position-independent)" : "");
	for (i = 0; i < img->nloads; i++) {
		l = &img->loads[i];
		printf("linux:   load 0x%llx-0x%llx %c%c%c from file 0x%llx "
		       "(0x%llx bytes)\n",
		       (unsigned long long)l->vaddr,
		       (unsigned long long)(l->vaddr + l->memsz),
		       prot_char(l->prot, ELF_PROT_READ, 'r'),
		       prot_char(l->prot, ELF_PROT_WRITE, 'w'),
		       prot_char(l->prot, ELF_PROT_EXEC, 'x'),
		       (unsigned long long)l->offset,
		       (unsigned long long)l->filesz);
	}
	if (img->tls_memsz)
		printf(
		    "linux:   tls 0x%llx (0x%llx bytes, 0x%llx initialised)\n",
		    (unsigned long long)img->tls_vaddr,
		    (unsigned long long)img->tls_memsz,
		    (unsigned long long)img->tls_filesz);
	printf("linux:   program headers at 0x%llx (%u), break from 0x%llx\n",
	       (unsigned long long)img->phdr_addr, img->phnum,
	       (unsigned long long)img->hi);
}

/* Build the initial stack the program would get, into scratch memory. */
static void dry_stack(const struct elf_image *img, int argc, char **argv)
{
	static const uint8_t random[USTACK_RANDOM_LEN]; /* dry run: zeros */
	const char *envp[] = {"HOME=/"};
	struct ustack_info info = {
	    .argc = argc,
	    .argv = (const char *const *)argv,
	    .envc = 1,
	    .envp = envp,
	    .random = random,
	    .phdr = img->phdr_addr,
	    .phent = img->phentsize,
	    .phnum = img->phnum,
	    .entry = img->entry,
	};
	void *buf = malloc(DRY_STACK_SIZE);
	uint64_t rsp = 0;
	int rc;

	if (!buf)
		return;
	rc = ustack_build(buf, DRY_STACK_SIZE, DRY_STACK_END, &info, &rsp);
	if (rc)
		printf("linux:   initial stack: error %d\n", rc);
	else
		printf("linux:   initial stack: %d arguments, rsp 0x%llx (%llu "
		       "bytes)\n",
		       argc, (unsigned long long)rsp,
		       (unsigned long long)(DRY_STACK_END - rsp));
	free(buf);
}

int main(int argc, char **argv)
{
	size_t size = (size_t)(linux_binary_end - linux_binary_start);
	struct elf_image img;
	char why[160];

	if (elf_parse(linux_binary_start, size, &img, why, sizeof(why)) < 0) {
		printf("linux: the embedded binary cannot run: %s\n", why);
		return EXIT_CANNOT_RUN;
	}
	print_image(&img, size);
	dry_stack(&img, argc, argv);
	printf("linux: user mode not yet available\n");
	return 1;
}
