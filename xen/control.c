/*
 * Domain control, the guest's side of `xl shutdown`, `xl reboot`, `xl
 * sysrq` and of the suspend that `xl save` and `xl migrate` ask for. A kernel thread advertises what it supports
 * (control/feature-*), watches control/ and, on each event, takes any
 * request out of control/shutdown and control/sysrq: read and cleared in
 * one transaction, which is the acknowledgement the toolstack expects.
 * Power-off and reboot are handed to the handler the layer above
 * registered (the runtime runs the app's shutdown hooks and exit() in a
 * thread of the C world), else done at once.
 */
#include <kernel/errno.h>
#include <kernel/control.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/shutdown.h>
#include <kernel/suspend.h>
#include <kernel/string.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#define CONTROL_TOKEN "skiff:control"
#define VALUE_MAX 32
/* A request wait that never ends; the loop just re-arms it. */
#define WAIT_MS (3600u * 1000u)
#define TAKE_ATTEMPTS 10

static struct {
	struct thread *thread;
	bool stopping;		      /* a power-off or reboot is under way */
	int (*shutdown)(bool reboot); /* control_set_shutdown_handler() */
} ctl;

void control_set_shutdown_handler(int (*handler)(bool reboot))
{
	ctl.shutdown = handler;
}

/* What a take_key() transaction reads and clears. */
struct take {
	const char *path;
	char value[VALUE_MAX];
};

static int take_fn(xs_transaction_t t, void *arg)
{
	struct take *k = arg;
	int rc = xs_tx_read(t, k->path, k->value, sizeof(k->value));

	if (rc == -ENOENT || rc == 0) {
		k->value[0] = '\0';
		return 0; /* nothing asked; commit the empty transaction */
	}
	if (rc < 0)
		return rc;
	return xs_tx_write(t, k->path, "");
}

/* Read path and clear it atomically; the value (maybe "") goes to k. */
static int take_key(struct take *k, const char *path)
{
	int rc;

	k->path = path;
	k->value[0] = '\0';
	rc = xs_transaction_run(take_fn, k, TAKE_ATTEMPTS);
	if (rc < 0)
		printk("control: cannot take %s: error %d\n", path, rc);
	return rc < 0 ? rc : 0;
}

static void handle_sysrq(void)
{
	struct take k;

	if (take_key(&k, "control/sysrq") || !k.value[0])
		return;
	printk("control: sysrq '%c' (no handler; logged only)\n", k.value[0]);
}

static void stop(bool reboot)
{
	int rc;

	if (ctl.stopping) {
		printk("control: already shutting down; request ignored\n");
		return;
	}
	ctl.stopping = true;
	printk("control: %s requested by the toolstack\n",
	       reboot ? "reboot" : "power-off");
	rc = ctl.shutdown ? ctl.shutdown(reboot) : -ENOSYS;
	if (rc < 0) {
		if (rc != -ENOSYS)
			printk("control: shutdown hooks not run (error %d)\n",
			       rc);
		kernel_exit_set_reboot(reboot);
		kernel_exit(0);
	}
}

static void handle_shutdown(void)
{
	struct take k;

	if (take_key(&k, "control/shutdown") || !k.value[0])
		return;
	if (!strcmp(k.value, "poweroff") || !strcmp(k.value, "halt"))
		stop(false);
	else if (!strcmp(k.value, "reboot"))
		stop(true);
	else if (!strcmp(k.value, "sysrq"))
		handle_sysrq();
	else if (!strcmp(k.value, "suspend"))
		kernel_suspend();
	else
		printk("control: unknown request '%s' ignored\n", k.value);
}

/*
 * Say what we handle. libxl creates feature-poweroff, feature-reboot and
 * feature-suspend writable for the guest, but not feature-sysrq, and
 * control/ itself is read-only to us: that write fails with -EACCES
 * under xl, which is expected and not reported. `xl sysrq` works
 * without it.
 */
static void advertise(void)
{
	static const char *const keys[] = {
	    "control/feature-poweroff", "control/feature-reboot",
	    "control/feature-suspend", "control/feature-sysrq"};
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		rc = xs_write(keys[i], "1");
		if (rc < 0 && rc != -EACCES)
			printk("control: cannot write %s: error %d\n", keys[i],
			       rc);
	}
}

static void control_main(void *arg __unused)
{
	char path[64];
	int rc;

	advertise();
	rc = xs_watch("control", CONTROL_TOKEN);
	if (rc < 0) {
		printk("control: cannot watch control/: error %d\n", rc);
		return;
	}
	for (;;) {
		rc = xs_read_watch(CONTROL_TOKEN, path, sizeof(path), WAIT_MS);
		if (rc == -ETIMEDOUT)
			continue;
		if (rc < 0)
			break;
		handle_shutdown();
		handle_sysrq();
	}
	printk("control: watch lost: error %d\n", rc);
}

void control_init(void)
{
	if (!xs_available())
		return;
	ctl.thread = thread_create("control", control_main, NULL, 0);
	if (!ctl.thread)
		printk("control: no thread; xl shutdown will not work\n");
	else
		thread_detach(ctl.thread);
}
