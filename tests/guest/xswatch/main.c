/* Watches: the store's first event, a quiet wait timing out, token
 * errors, then the event dom0's write causes, and unwatch. */
#include <skiff/xenstore.h>
#include <stdio.h>

int main(void)
{
	char path[128], value[64] = "";
	int rc;

	printf("watch: %d\n", xs_watch("data/poke", "poke"));
	rc = xs_read_watch("poke", path, sizeof(path), 5000);
	printf("initial event: %d '%s'\n", rc, rc >= 0 ? path : "");
	printf("quiet: %d\n", xs_read_watch("poke", path, sizeof(path), 200));
	printf("unknown token: %d\n",
	       xs_read_watch("nope", path, sizeof(path), 0));
	printf("duplicate token: %d\n", xs_watch("data/other", "poke"));
	xs_write("data/ready", "1");
	rc = xs_read_watch("poke", path, sizeof(path), 20000);
	if (rc >= 0)
		xs_read("data/poke", value, sizeof(value));
	printf("event: %d '%s' value '%s'\n", rc, rc >= 0 ? path : "", value);
	printf("unwatch: %d\n", xs_unwatch("data/poke", "poke"));
	printf("read after unwatch: %d\n",
	       xs_read_watch("poke", path, sizeof(path), 0));
	return 0;
}
