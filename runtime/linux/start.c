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

#include <kernel/printk.h>
#include <kernel/errno.h>
#include <kernel/init.h>
#include <kernel/random.h>
#include <kernel/sched.h>
#include <kernel/uvm.h>

#include <runtime/fs.h>

#include "elf.h"
#include "linux_priv.h"
#include "ustack.h"

/* Exit code when the embedded binary cannot run: Linux's shell says 126
 * for "found but cannot execute". */
#define EXIT_CANNOT_RUN 126

/* The ELF file, embedded by port.mk (runtime/linux/binary.S), and the
 * vDSO (vdso.c, vdso_image.S), whose image follows its vvar page. */
extern const unsigned char linux_binary_start[], linux_binary_end[];
extern const unsigned char vdso_image_start[], vdso_image_end[];

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
		printk("linux: env=%s is not NAME=VALUE: ignored\n", word);
		return;
	}
	for (i = 0; i < envc; i++)
		if (!strncmp(environment[i], word, (size_t)(eq - word + 1))) {
			environment[i] = word;
			return;
		}
	if (envc == ENV_MAX) {
		printk("linux: more than %d environment words: %s ignored\n",
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

/* cwd=DIR: the directory the program starts in (the root without),
 * as a shell's cd before it; a path that is no directory stops the
 * start, as cd would stop a script. */
static const char *start_dir;

static void take_cwd(const char *value)
{
	start_dir = value;
}
BOOT_OPTION("cwd", take_cwd);

static int fail(const char *what, long rc)
{
	printk("linux: cannot load the program: %s (error %ld)\n", what, rc);
	return EXIT_CANNOT_RUN;
}

/* The program's symbols name user addresses in fault reports. */
bool linux_symbolize(uint64_t addr, char *buf, size_t n)
{
	const struct linux_proc *p = linux_proc_self();
	const struct elf_image *img = &p->img;
	const char *name = NULL;
	uint64_t off = 0;

	if (elf_symbolize(p->file, p->size, addr - img->bias, &name, &off) <
		0 ||
	    !name)
		return false;
	snprintf(buf, n, "%s+0x%llx", name, (unsigned long long)off);
	return true;
}

int main(int argc, char **argv)
{
	struct linux_proc *p = &linux_proc;
	struct user_regs regs;
	char why[160], exe[256];
	int rc, i;

	for (i = 0; skiff_app_env[i]; i++)
		env_put(skiff_app_env[i]);
	for (i = 0; i < nenv_args; i++)
		env_put(env_args[i]);
	p->argc = argc;
	p->argv = argv;
	p->envc = envc;
	p->envp = environment;
	if ((rc = uvm_map_vdso(USER_VDSO_BASE, vdso_image_start,
			       (size_t)(vdso_image_end - vdso_image_start))) <
	    0)
		return fail("mapping the vDSO", rc);
	rc = linux_load(p, linux_binary_start,
			(size_t)(linux_binary_end - linux_binary_start), argc,
			(const char *const *)argv, envc, environment, &regs,
			why, sizeof(why));
	if (rc < 0) {
		printk("linux: the embedded binary cannot run: %s\n", why);
		return EXIT_CANNOT_RUN;
	}
	/* The program is a file, as on Linux (os.Executable() opens it, a
	 * program runs itself again): its bytes at the path
	 * /proc/self/exe names, unless the ramdisk has a file there. */
	linux_exe_path(exe, sizeof(exe));
	(void)path_add_borrowed_file(
	    exe, linux_binary_start,
	    (size_t)(linux_binary_end - linux_binary_start), 0755);
	if (start_dir && (rc = path_chdir(start_dir)) < 0) {
		printk("linux: cwd=%s: cannot change to it (error %d)\n",
		       start_dir, -rc);
		return EXIT_CANNOT_RUN;
	}
	linux_proc_init(thread_current());
	if (!linux_thread_new(thread_current(), 1, p))
		return fail("out of memory", -ENOMEM);
	user_set_symbolizer(linux_symbolize);
	linux_signal_init();
	user_set_syscall_handler(linux_syscall);
	user_enter(&regs);
}
