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
	const char *name;
	int level;
};

/* Register fn to run at level. The table is a section of its own, laid
 * out by the linker script in level order. */
#define INITCALL(lvl, func)                                                    \
	static const struct initcall __initcall_##func                         \
	    __attribute__((used, section(".initcall." #lvl), aligned(8))) = {  \
		.fn = func, .name = #func, .level = lvl}

/* Run the functions registered at level, in link order. */
void initcall_run(int level, const struct boot_info *bi);

#endif
