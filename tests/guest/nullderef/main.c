/* A NULL pointer write in a named function: a crash report naming it. */
#include <stdio.h>

int *volatile target;

__attribute__((noinline, noclone)) static void write_through_null(int v)
{
	*target = v;
}

int main(void)
{
	printf("about to dereference NULL\n");
	write_through_null(42);
	printf("survived\n");
	return 0;
}
