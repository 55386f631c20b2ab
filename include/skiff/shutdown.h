/*
 * Shutdown hooks: code the app wants run when the toolstack asks the
 * domain to stop (`xl shutdown`, `xl reboot`, `xl destroy` excepted).
 * The hooks run in a thread of their own, newest first, and may block,
 * print and use xenstore; then exit(0) runs the atexit handlers, flushes
 * stdio and powers the domain off (or reboots it).
 */
#ifndef SKIFF_SHUTDOWN_H
#define SKIFF_SHUTDOWN_H

/* The reason a hook is given. */
#define SKIFF_SHUTDOWN_POWEROFF 0 /* xl shutdown (poweroff or halt) */
#define SKIFF_SHUTDOWN_REBOOT 1	  /* xl reboot */

typedef void (*skiff_shutdown_fn)(int reason, void *arg);

/* Register fn(reason, arg). Returns 0, or -28 (ENOSPC, Linux numbering)
 * when 16 hooks are already registered. */
int skiff_on_shutdown(skiff_shutdown_fn fn, void *arg);

/*
 * Resume hooks, optional: apps need none to survive `xl save` and `xl
 * restore`, `xl save -c` or `xl migrate` (connections, files and
 * timers carry on). A hook learns that it happened: it runs after each
 * resume, in a thread of its own, hooks in the order registered.
 */
#define SKIFF_RESUME_IN_PLACE                                                  \
	0			/* the suspend was cancelled: xl save -c
				   (a checkpoint), a failed migration */
#define SKIFF_RESUME_RESTORED 1 /* a new domain: xl restore, xl migrate */

typedef void (*skiff_resume_fn)(int how, void *arg);

/* Register fn(how, arg). Returns 0, or -28 (ENOSPC) when 16 hooks are
 * already registered. */
int skiff_on_resume(skiff_resume_fn fn, void *arg);

#endif
