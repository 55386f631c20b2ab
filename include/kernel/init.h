/*
 * Start-up of what lies above the kernel core: device frontends, the
 * network stack, the C runtime, the Linux shim. Each registers its
 * start-up function with INITCALL() in the object that implements it, so
 * an image runs (and carries) only what its app links, and nothing in the
 * core names them. kernel_main() starts the core itself, in order, then
 * runs these levels; the levels are named here, in the order they run.
 */
#ifndef KERNEL_INIT_H
#define KERNEL_INIT_H

#include <kernel/boot.h>
#include <kernel/cmdline.h>
#include <kernel/types.h>

/* Boot context (the future idle thread: it must never block), events on,
 * xenstore up: device frontends start their threads. */
#define INIT_DRIVER 1
/* Boot context: the runtime prepares the C world and starts the app's
 * thread. Runs last in the boot context. */
#define INIT_APP 2
/* The app's thread, before constructors and main(): services that may
 * block for a bounded time (the network waits for its vifs). Run by the
 * runtime with initcall_run(INIT_SERVICE, bi). */
#define INIT_SERVICE 3

struct initcall {
	void (*fn)(const struct boot_info *bi);
	int level;
};

/* Register fn to run at level. The table is a section of its own, laid
 * out by the linker script in level order. */
#define INITCALL(lvl, func)                                                    \
	static const struct initcall __initcall_##func                         \
	    __attribute__((used, section(".initcall." #lvl), aligned(8))) = {  \
		.fn = func, .level = lvl}

/* Run the functions registered at level, in link order. */
void initcall_run(int level, const struct boot_info *bi);

/*
 * The way out: what a linked subsystem must finish before the domain
 * goes, registered with EXITCALL() and run in link order with a deadline
 * (monotonic ns) that each must keep.
 */
/* Run by the runtime's _exit() in the exiting thread, other threads still
 * running: TCP delivers what the program wrote last. */
#define EXIT_THREADS 1
/* Run by kernel_exit() after the exit code is printed; other threads may
 * never run again and xenstore is polled: disk writes in flight complete
 * and are flushed. */
#define EXIT_KERNEL 2

struct exitcall {
	void (*fn)(uint64_t deadline_ns);
	int level;
};

#define EXITCALL(lvl, func)                                                    \
	static const struct exitcall __exitcall_##func                         \
	    __attribute__((used, section(".exitcall." #lvl), aligned(8))) = {  \
		.fn = func, .level = lvl}

void exitcall_run(int level, uint64_t deadline_ns);

/*
 * Per-thread state a linked subsystem keeps (lwIP's semaphore per
 * thread): fn(t) releases it, in the exiting thread t, after the
 * runtime's own per-thread clean-up (pthread keys' destructors) and
 * before its C-library state goes. Run by the runtime's thread-exit hook.
 */
struct thread;
struct thread_exitcall {
	void (*fn)(struct thread *t);
};

#define THREAD_EXITCALL(func)                                                  \
	static const struct thread_exitcall __thread_exitcall_##func           \
	    __attribute__((used, section(".thread_exitcall"), aligned(8))) = { \
		.fn = func}

void thread_exitcall_run(struct thread *t);

/*
 * Skiff's own options at the start of the command line (extra=), before
 * the app's words: "NAME=VALUE" for an option some linked subsystem
 * registered with BOOT_OPTION(), until the first other word or "--".
 * (struct boot_option, <kernel/cmdline.h>). An option of a subsystem the
 * image does not link is an ordinary word of the app's.
 */
#define BOOT_OPTION(optname, func)                                             \
	static const struct boot_option __bootopt_##func                       \
	    __attribute__((used, section(".bootopt"), aligned(8))) = {         \
		.name = optname, .take = func}

/* The same for an option whose value must never be shown: the kernel's
 * banner prints "<hidden>" in its place. */
#define BOOT_OPTION_SECRET(optname, func)                                      \
	static const struct boot_option __bootopt_##func                       \
	    __attribute__((used, section(".bootopt"), aligned(8))) = {         \
		.name = optname, .take = func, .secret = true}

/* bi's command line as the banner shows it (cmdline_redact() with the
 * registered options). */
void boot_cmdline_shown(const char *line, char *out, size_t size);

/* Take the leading options from words[0..n) (and a "--" that ends them),
 * handing each value to its subsystem. Returns the number of words
 * taken. */
int boot_options_take(char *const *words, int n);

#endif
