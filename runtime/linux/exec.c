/*
 * Loading a program into the caller's address space, for the first
 * program (start.c) and for execve (docs/linux-binaries.md, "Processes").
 *
 * The loader checks the ELF (elf_parse()), maps each PT_LOAD segment at
 * its address in the lower half (writable while its bytes are copied in,
 * then its own protection), maps an 8 MiB stack reserved below the top of
 * the lower half and backed as it is touched, and builds the initial
 * stack there (argv, the environment, the auxiliary vector:
 * ustack_build(), which points at the vDSO above the user range).
 *
 * execve reads the file whole (or takes the running image for
 * /proc/self/exe, how busybox runs its own applets), runs "#!" scripts
 * through their interpreter, and checks the ELF before anything of the
 * caller is given up: a failure up to there returns an error to a caller
 * that is still intact, as on Linux. Then the process gets a new address
 * space, its fds marked close-on-exec are closed, its handled signals go
 * back to their default actions, and a vfork parent goes on.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/uvm.h>
#include <runtime/fd.h>

#include <runtime/fs.h>

#include "elf.h"
#include "linux_priv.h"
#include "ustack.h"

#define PAGE 4096ull
#define PAGE_DOWN(x) ((x) & ~(PAGE - 1))
#define PAGE_UP(x) (((x) + PAGE - 1) & ~(PAGE - 1))
#define STACK_SIZE (8ull << 20)
#define STACK_END USER_VA_END
/* Where the program headers go when no segment holds them (AT_PHDR). */
#define PHDR_PAGE (STACK_END - STACK_SIZE - 2 * PAGE)
#define VDSO_EHDR (USER_VDSO_BASE + 2 * PAGE)

/* execve's limits: Linux's MAX_ARG_STRLEN per string, and a total for
 * argv and the environment (Linux allows a quarter of the stack). */
#define ARG_STRLEN_MAX (32 * 4096)
#define ARGS_TOTAL_MAX (2 * 1024 * 1024)
#define ARGS_MAX 65536
/* Nested "#!" interpreters, as Linux's limit. */
#define INTERP_DEPTH 4
#define FILE_MAX (256ull << 20)
#ifndef ELOOP
#define ELOOP 40 /* Linux's */
#endif

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

static uint64_t cpuid1_edx(void)
{
	uint32_t a = 1, b, c = 0, d;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return d;
}

/* The initial stack at the top of the stack mapping; *rsp gets the
 * program's stack pointer. */
static int build_stack(const struct elf_image *img, uint64_t phdr, int argc,
		       const char *const *argv, int envc,
		       const char *const *envp, uint64_t *rsp)
{
	uint8_t random[USTACK_RANDOM_LEN];
	struct ustack_info info = {
	    .argc = argc,
	    .argv = argv,
	    .envc = envc,
	    .envp = envp,
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

int linux_load(struct linux_proc *p, const unsigned char *file, size_t size,
	       int argc, const char *const *argv, int envc,
	       const char *const *envp, struct user_regs *regs, char *why,
	       size_t whylen)
{
	struct elf_image img;
	uint64_t phdr, rsp;
	unsigned int i;
	int rc;

	if (elf_parse(file, size, &img, why, whylen) < 0)
		return -ENOEXEC;
	for (i = 0; i < img.nloads; i++) {
		const struct elf_load *l = &img.loads[i];

		if ((rc = place(l->vaddr, file + l->offset, l->filesz, l->memsz,
				l->prot)) < 0) {
			snprintf(why, whylen, "mapping its segments (error %d)",
				 rc);
			return rc;
		}
	}
	phdr = img.phdr_addr;
	if (!phdr) { /* musl finds its TLS through AT_PHDR */
		phdr = PHDR_PAGE;
		if ((rc = place(phdr, file + img.phoff,
				(uint64_t)img.phnum * img.phentsize, PAGE,
				UVM_PROT_READ)) < 0) {
			snprintf(why, whylen,
				 "mapping the program headers (error %d)", rc);
			return rc;
		}
	}
	if ((rc = build_stack(&img, phdr, argc, argv, envc, envp, &rsp)) < 0) {
		snprintf(why, whylen, "building the initial stack (error %d)",
			 rc);
		return rc;
	}
	p->file = file;
	p->size = size;
	p->img = img;
	p->brk_start = p->brk_cur = img.hi;
	memset(regs, 0, sizeof(*regs));
	regs->rip = img.entry;
	regs->rsp = rsp;
	regs->rflags = 0x202; /* IF */
	return 0;
}

/* --- execve ---------------------------------------------------------------- */

/* What execve copied out of the caller: the strings of argv and envp
 * (room for INTERP_DEPTH * 2 more words in front of argv, for "#!"). */
struct exec_args {
	char **argv; /* argc + 1 pointers, into buf */
	char **envp; /* envc + 1 */
	int argc, envc;
	char *buf;
	size_t used, size;
};

/* Copy a NULL-terminated user array of strings into a. */
static int copy_strings(struct exec_args *a, uint64_t uarr, char ***out,
			int *count, int room)
{
	char **v;
	int n = 0, i;
	uint64_t up;

	for (n = 0; uarr; n++) {
		if (n >= ARGS_MAX)
			return -E2BIG;
		if (user_copy_from(&up, uarr + (uint64_t)n * 8, 8) < 0)
			return -EFAULT;
		if (!up)
			break;
	}
	if (!(v = calloc((size_t)(n + room + 1), sizeof(*v))))
		return -ENOMEM;
	v += room;
	for (i = 0; i < n; i++) {
		size_t len;

		if (user_copy_from(&up, uarr + (uint64_t)i * 8, 8) < 0)
			goto fault;
		/* One byte at a time is fine: argv is small next to a load. */
		for (len = 0;; len++) {
			char c;

			if (len >= ARG_STRLEN_MAX || a->used + len >= a->size) {
				free(v - room);
				return -E2BIG;
			}
			if (user_copy_from(&c, up + len, 1) < 0)
				goto fault;
			a->buf[a->used + len] = c;
			if (!c)
				break;
		}
		v[i] = a->buf + a->used;
		a->used += len + 1;
	}
	v[n] = NULL;
	*out = v;
	*count = n;
	return 0;
fault:
	free(v - room);
	return -EFAULT;
}

static void args_free(struct exec_args *a)
{
	if (a->argv)
		free(a->argv - INTERP_DEPTH * 2);
	free(a->envp);
	free(a->buf);
}

/* argv and the environment of an exec'd program, shared by its forks. */
struct linux_args {
	int refs;
	struct exec_args a;
	char *exe; /* the program's absolute path (/proc/self/exe) */
};

/* a's memory as a record, or NULL (then it is freed, and procfs shows
 * no argv). */
static struct linux_args *args_keep(struct exec_args *a)
{
	struct linux_args *k = malloc(sizeof(*k));

	if (k) {
		k->refs = 1;
		k->a = *a;
		k->exe = NULL;
	} else {
		args_free(a);
		a->argv = a->envp = NULL;
		a->argc = a->envc = 0;
	}
	return k;
}

void linux_args_get(struct linux_args *k)
{
	if (k)
		k->refs++;
}

void linux_args_put(struct linux_args *k)
{
	if (k && --k->refs == 0) {
		args_free(&k->a);
		free(k->exe);
		free(k);
	}
}

/* A file read whole, shared by the processes that run it. */
struct linux_blob {
	int refs;
	size_t size;
	unsigned char data[];
};

void linux_blob_put(struct linux_blob *b)
{
	if (b && --b->refs == 0)
		free(b);
}

void linux_blob_get(struct linux_blob *b)
{
	if (b)
		b->refs++;
}

/* Read path whole; -ENOENT, -EACCES (not a regular file with an
 * execute bit), -ENOMEM, -EFBIG. */
static int read_file(const char *path, struct linux_blob **out)
{
	struct linux_blob *b;
	struct stat st;
	size_t got = 0;
	int fd, rc = 0;

	if ((fd = path_open(path, O_RDONLY)) < 0)
		return fd;
	if ((rc = fd_fstat(fd, &st)) < 0) {
		/* rc says why */
	} else if (!S_ISREG(st.st_mode) || !(st.st_mode & 0111)) {
		rc = -EACCES;
	} else if ((uint64_t)st.st_size > FILE_MAX) {
		rc = -EFBIG;
	} else if (!(b = malloc(sizeof(*b) + (size_t)st.st_size))) {
		rc = -ENOMEM;
	} else {
		while (got < (size_t)st.st_size) {
			long n = fd_read(fd, b->data + got,
					 (size_t)st.st_size - got);

			if (n <= 0) {
				rc = n < 0 ? (int)n : -EIO;
				break;
			}
			got += (size_t)n;
		}
		if (rc) {
			free(b);
		} else {
			b->refs = 1;
			b->size = got;
			*out = b;
		}
	}
	fd_close(fd);
	return rc;
}

const char *linux_args_exe(const struct linux_args *k)
{
	return k ? k->exe : NULL;
}

/* Drop "." and empty parts of the absolute path s and resolve ".." by
 * its text, in place: "/a/./b/../c" is "/a/c", as Linux's name for the
 * file (symbolic links stay as they were named). */
static void clean_path(char *s)
{
	char *in = s, *out = s;
	size_t n;

	while (*in) {
		while (*in == '/')
			in++;
		for (n = 0; in[n] && in[n] != '/'; n++)
			;
		if (n == 0 || (n == 1 && in[0] == '.')) {
			in += n;
			continue;
		}
		if (n == 2 && in[0] == '.' && in[1] == '.') {
			while (out > s && *--out != '/')
				;
			in += n;
			continue;
		}
		*out++ = '/';
		memmove(out, in, n);
		out += n;
		in += n;
	}
	if (out == s)
		*out++ = '/';
	*out = 0;
}

/* The absolute path of the program at path, as /proc/self/exe will name
 * it (the running one's for /proc/self/exe itself); malloc'd, or NULL. */
static char *exe_of(const char *path)
{
	char *s = malloc(4096 + 1);
	size_t n;
	int rc;

	if (!s)
		return NULL;
	if (!strcmp(path, "/proc/self/exe")) {
		linux_exe_path(s, 4096);
		return s;
	}
	rc = path[0] == '/' ? 1 : path_getcwd(s, 4096);
	n = path[0] == '/' ? 0 : strlen(s);
	if (rc < 0 || n + 1 + strlen(path) > 4096) {
		free(s);
		return NULL;
	}
	snprintf(s + n, 4096 + 1 - n, "/%s", path);
	clean_path(s);
	return s;
}

/* The program for path: the running one for /proc/self/exe, else the
 * file. *blob gets a reference (NULL for the running image, which the
 * process already holds). */
static int find_program(struct linux_proc *p, const char *path,
			const unsigned char **file, size_t *size,
			struct linux_blob **blob)
{
	int rc;

	*blob = NULL;
	if (!strcmp(path, "/proc/self/exe")) {
		*file = p->file;
		*size = p->size;
		linux_blob_get(p->blob);
		*blob = p->blob;
		return 0;
	}
	if ((rc = read_file(path, blob)) < 0)
		return rc;
	*file = (*blob)->data;
	*size = (*blob)->size;
	return 0;
}

/* "#!interp [arg]" in the first line of file: put interp, arg and the
 * script's path in front of argv (dropping argv[0]); *interp gets the
 * interpreter's path (in a). 1 if it was a script, 0 if not. */
static int script(struct exec_args *a, const unsigned char *file, size_t size,
		  const char *path, char **interp, int *room)
{
	char line[256], *p, *arg = NULL;
	size_t n, plen = strlen(path) + 1;

	if (size < 2 || file[0] != '#' || file[1] != '!')
		return 0;
	for (n = 2; n < size && n - 2 < sizeof(line) - 1 && file[n] != '\n';
	     n++)
		line[n - 2] = (char)file[n];
	line[n - 2] = 0;
	for (p = line; *p == ' ' || *p == '\t'; p++)
		;
	if (!*p || *room < 3)
		return -ENOEXEC;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (*p) {
		*p++ = 0;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p) {
			arg = p;
			for (p += strlen(p);
			     p > arg && (p[-1] == ' ' || p[-1] == '\t');)
				*--p = 0;
		}
	}
	n = strlen(*interp) + 1 + (arg ? strlen(arg) + 1 : 0) + plen;
	if (a->used + n > a->size)
		return -E2BIG;
	/* argv[0] gives way to the script's path. */
	if (a->argc > 0) {
		a->argv++;
		a->argc--;
		(*room)++;
	}
	memcpy(a->buf + a->used, path, plen);
	*--a->argv = a->buf + a->used;
	a->used += plen;
	a->argc++;
	(*room)--;
	if (arg) {
		size_t l = strlen(arg) + 1;

		memcpy(a->buf + a->used, arg, l);
		*--a->argv = a->buf + a->used;
		a->used += l;
		a->argc++;
		(*room)--;
	}
	n = strlen(*interp) + 1;
	memcpy(a->buf + a->used, *interp, n);
	*interp = a->buf + a->used;
	*--a->argv = *interp;
	a->used += n;
	a->argc++;
	(*room)--;
	return 1;
}

/* Handled signals go back to their default actions; ignored ones stay
 * ignored. */
static void reset_actions(struct linux_proc *p)
{
	int s;

	for (s = 1; s <= L_NSIG; s++)
		if (p->sig.act[s].handler != L_SIG_IGN) {
			memset(&p->sig.act[s], 0, sizeof(p->sig.act[s]));
			p->sig.act[s].handler = L_SIG_DFL;
		}
}

LINUX_SYS(execve)
{
	struct linux_proc *p = linux_proc_self();
	struct linux_thread *t = linux_thread_self();
	struct exec_args a = {.size = ARGS_TOTAL_MAX};
	const unsigned char *file;
	struct linux_blob *blob = NULL;
	struct uvm_as *as, *old = p->as;
	struct user_regs regs;
	char path[4096], why[160];
	char *interp, *exe;
	size_t size;
	int rc, depth, room = INTERP_DEPTH * 2;

	if ((rc = linux_user_path(A0(r), path, sizeof(path))) < 0)
		return rc;
	if (p->nthreads > 1) {
		printk("linux: execve in a process with %d threads is not "
		       "supported: EAGAIN\n",
		       p->nthreads);
		return -EAGAIN;
	}
	if (!(a.buf = malloc(a.size)))
		return -ENOMEM;
	if ((rc = copy_strings(&a, A1(r), &a.argv, &a.argc, room)) < 0 ||
	    (rc = copy_strings(&a, A2(r), &a.envp, &a.envc, 0)) < 0) {
		args_free(&a);
		return rc;
	}
	/* The file, through at most INTERP_DEPTH interpreters. */
	for (depth = 0;; depth++) {
		if ((rc = find_program(p, path, &file, &size, &blob)) < 0)
			break;
		rc = script(&a, file, size, path, &interp, &room);
		if (rc <= 0)
			break;
		linux_blob_put(blob);
		blob = NULL;
		if (depth == INTERP_DEPTH || strlen(interp) >= sizeof(path)) {
			rc = -ELOOP;
			break;
		}
		strcpy(path, interp);
	}
	if (!rc &&
	    elf_parse(file, size, &(struct elf_image){0}, why, sizeof(why)) < 0)
		rc = -ENOEXEC;
	if (rc < 0 || (rc = uvm_as_new(&as)) < 0) {
		linux_blob_put(blob);
		args_free(&a);
		return rc;
	}
	exe = exe_of(path);
	/* No way back from here: the old image goes. */
	uvm_as_activate(as);
	thread_current()->uvm = as;
	if (p->vm_borrowed)
		linux_proc_let_go(p);
	else
		uvm_as_destroy(old);
	p->as = as;
	rc = linux_load(p, file, size, a.argc, (const char *const *)a.argv,
			a.envc, (const char *const *)a.envp, &regs, why,
			sizeof(why));
	if (rc < 0) {
		printk("linux: execve %s: %s: the process ends (SIGKILL)\n",
		       path, why);
		linux_blob_put(blob);
		args_free(&a);
		free(exe);
		linux_proc_exit(9);
	}
	/* The new image's records: what procfs shows, what fork shares. */
	linux_blob_put(p->blob);
	p->blob = blob;
	linux_args_put(p->args);
	p->args = args_keep(&a);
	if (p->args)
		p->args->exe = exe;
	else
		free(exe);
	p->argc = a.argc;
	p->argv = a.argv;
	p->envc = a.envc;
	p->envp = (const char *const *)a.envp;
	fd_table_close_on_exec(p->fds);
	reset_actions(p);
	t->altstack.ss_flags = L_SS_DISABLE;
	t->clear_tid = 0;
	t->comm[0] = 0;
	*r = regs;
	memset(user_fpu_state(r), 0, USER_FPU_STATE_SIZE);
	*(uint16_t *)user_fpu_state(r) = 0x37f;			/* FCW */
	*(uint32_t *)((char *)user_fpu_state(r) + 24) = 0x1f80; /* MXCSR */
	return 0;
}
