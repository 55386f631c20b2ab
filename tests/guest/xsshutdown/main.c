/* Waits to be shut down by the toolstack: `xl shutdown` must run the
 * shutdown hook, then the atexit handler, and power off with code 0.
 * Shared by xsreboot (which is restarted once by `xl reboot`). */
#include <skiff/shutdown.h>
#include <skiff/xenstore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void hook(int reason, void *arg)
{
	printf("shutdown hook: reason %d, %s\n", reason, (const char *)arg);
}

static void at_exit(void)
{
	printf("atexit handler ran\n");
}

int main(void)
{
	int i;

	atexit(at_exit);
	printf("hook registered: %d\n", skiff_on_shutdown(hook, "arg ok"));
	xs_write("data/ready", "1");
	printf("ready\n");
	for (i = 0; i < 600; i++)
		usleep(100 * 1000);
	printf("not shut down after 60 s\n");
	return 1;
}
