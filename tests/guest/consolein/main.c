/* Console input: dom0 writes a line into the guest's console (the pty
 * xenconsoled made for it); the guest reads it from stdin, prints it back
 * reversed with its length, and exits with 0 only if it got a line. */
#include <stdio.h>
#include <string.h>
#include <skiff/xenstore.h>

int main(void)
{
	char line[128], rev[128];
	size_t n, i;

	printf("ready for input\n");
	fflush(stdout);
	xs_write("data/reading", "1");
	if (!fgets(line, sizeof(line), stdin)) {
		printf("FAIL: no input\n");
		return 1;
	}
	n = strcspn(line, "\r\n");
	for (i = 0; i < n; i++)
		rev[i] = line[n - 1 - i];
	rev[n] = '\0';
	printf("got %zu bytes, reversed: %s\n", n, rev);
	return 0;
}
