/* A transaction whose key dom0 changes before the commit: the commit
 * conflicts (EAGAIN) and xs_transaction_run() retries the whole thing.
 * Also: an aborted transaction's write is never seen. */
#include <skiff/xenstore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static int attempts;

/* Outside the transaction: tell dom0, wait until it changed the key. */
static void let_dom0_interfere(void)
{
	char v[8];
	int i;

	xs_write("data/tx-ready", "1");
	for (i = 0; i < 200 && xs_read("data/dom0-changed", v, sizeof(v)) < 0;
	     i++)
		usleep(100 * 1000);
}

static int bump(xs_transaction_t t, void *arg)
{
	char buf[32];
	int rc;

	(void)arg;
	attempts++;
	rc = xs_tx_read(t, "data/counter", buf, sizeof(buf));
	if (rc < 0)
		return rc;
	printf("attempt %d read counter %s\n", attempts, buf);
	if (attempts == 1)
		let_dom0_interfere();
	snprintf(buf, sizeof(buf), "%d", atoi(buf) + 1);
	return xs_tx_write(t, "data/counter", buf);
}

int main(void)
{
	xs_transaction_t t;
	char buf[32];
	int rc;

	xs_write("data/counter", "5");
	rc = xs_transaction_run(bump, NULL, 5);
	printf("transaction done: %d attempts\n", rc);
	xs_read("data/counter", buf, sizeof(buf));
	printf("counter now %s\n", buf);
	printf("start: %d\n", xs_transaction_start(&t));
	xs_tx_write(t, "data/aborted", "x");
	printf("abort: %d\n", xs_transaction_abort(t));
	printf("aborted write visible: %d\n",
	       xs_read("data/aborted", buf, sizeof(buf)));
	xs_write("data/done", "1");
	return 0;
}
