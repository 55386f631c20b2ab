/*
 * Start-up of the C world, the last step of the boot (INIT_APP): argv from the
 * guest command line, the console on fds 0-2, then a thread "main" that
 * runs the C library's constructors, the app's main() and exit() with its
 * result. The boot context that runs runtime_start() becomes the idle
 * thread, so nothing of the C library runs there: it must never block.
 */
#include <kernel/cmdline.h>
#include <kernel/printk.h>
#include <kernel/control.h>
#include <kernel/init.h>
#include <kernel/sched.h>
#include <kernel/shutdown.h>

#include <stdlib.h>

#include "pthread_priv.h"
#include "runtime_priv.h"

#define MAIN_STACK_SIZE (256UL * 1024)
/* argv entries: the app's name, up to ARGV_MAX - 2 words, the NULL. */
#define ARGV_MAX 64
#define APP_NAME_MAX 64
/* Exit code for a command line that cannot be split into argv. */
#define EXIT_BAD_CMDLINE 2

/* Supplied by the app. */
int main(int argc, char **argv);

/* The app's name for argv[0]; the app's build may define it. */
extern const char skiff_app_name[] __attribute__((weak));

static struct {
	struct thread *boot; /* the boot context, later the idle thread */
	const struct boot_info *bi;
	int argc;
	char *argv[ARGV_MAX];
	char name[APP_NAME_MAX];
	char cmdline[BOOT_CMDLINE_MAX]; /* split in place into argv[1..] */
} rt;

bool runtime_is_boot_thread(const struct thread *t)
{
	return !rt.boot || t == rt.boot;
}

/* Copy at most size - 1 bytes of src and terminate. (By hand: this runs
 * in the boot context, where no C library code runs.) */
static void copy_string(char *dst, const char *src, size_t size)
{
	size_t n;

	for (n = 0; n + 1 < size && src[n]; n++)
		dst[n] = src[n];
	dst[n] = '\0';
}

/* Fill rt.argc and rt.argv. Returns 0, or -1 when cmdline_split() rejects
 * the line (a quote not closed, too many words). */
static int build_argv(const char *cmdline)
{
	int words, taken, i;

	copy_string(rt.name, skiff_app_name ? skiff_app_name : "app",
		    sizeof(rt.name));
	copy_string(rt.cmdline, cmdline, sizeof(rt.cmdline));
	words = cmdline_split(rt.cmdline, rt.argv + 1, ARGV_MAX - 1);
	if (words < 0)
		return -1;
	/* Skiff's own leading options are not the app's: drop them (and
	 * the "--" that may end them) from argv. */
	taken = boot_options_take(rt.argv + 1, words);
	for (i = 1; i + taken <= words + 1; i++) /* with the NULL */
		rt.argv[i] = rt.argv[i + taken];
	words -= taken;
	rt.argv[0] = rt.name;
	rt.argc = words + 1;
	return 0;
}

/*
 * The thread "main". The services of the linked subsystems come up first
 * (INIT_SERVICE: the root file system is made from the ramdisk, with
 * malloc, which the boot context must not call; the network waits a
 * bounded time for vifs and DHCP), so constructors and main() find them
 * ready.
 * Constructors run here rather than in the boot context because they may
 * block (print, sleep, read). Destructors run at
 * exit(), after the atexit handlers the app registers later.
 */
static void main_thread(void *arg)
{
	(void)arg;
	pthread_adopt_main();
	initcall_run(INIT_SERVICE, rt.bi);
	atexit(__libc_fini_array);
	__libc_init_array();
	exit(main(rt.argc, rt.argv));
}

/* The last step of the boot (INIT_APP): hook the runtime into the kernel,
 * prepare the C world and start the thread "main". */
static void runtime_start(const struct boot_info *bi)
{
	struct thread *t;

	rt.boot = thread_current();
	rt.bi = bi;
	thread_set_exit_hook(runtime_thread_exit);
	control_set_shutdown_handler(runtime_shutdown_request);
	runtime_memory_init();
	if (build_argv(bi->cmdline) < 0) {
		printk("runtime: cannot split the command line \"%s\": a quote "
		       "is not closed or it has more than %d words\n",
		       bi->cmdline, ARGV_MAX - 2);
		kernel_exit(EXIT_BAD_CMDLINE);
	}
	fd_console_open_std();
	t = thread_create("main", main_thread, NULL, MAIN_STACK_SIZE);
	if (!t)
		panic("runtime: no memory for the main thread");
	thread_detach(t);
}

INITCALL(INIT_APP, runtime_start);

/* newlib calls these around the constructor and destructor arrays; the
 * image has no .init or .fini code. */
void _init(void)
{
}

void _fini(void)
{
}
