/* exit(3) from a nested function: the code reaches dom0. */
#include <stdio.h>
#include <stdlib.h>

static void leave(int code)
{
	printf("leaving with %d\n", code);
	exit(code);
}

int main(void)
{
	leave(3);
	printf("not reached\n");
	return 0;
}
