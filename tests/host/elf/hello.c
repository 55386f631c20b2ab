/* A small program for test_elf's real binaries: thread-local data (so a
 * static glibc build has PT_TLS) and a main to look up by name. */
#include <stdio.h>

static __thread int counter = 1;

int main(int argc, char **argv)
{
	counter += argc;
	printf("%s %d\n", argv[0], counter);
	return 0;
}
