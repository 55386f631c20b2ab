/*
 * hello: the smallest useful Skiff app. Prints a greeting, its arguments
 * (from extra= in the xl config), the time of day and a floating-point
 * number, then exits 0.
 */
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timeval tv;
	char when[64];
	time_t now;
	int i;

	printf("Hello from Skiff!\n");
	printf("argc = %d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);

	gettimeofday(&tv, NULL);
	now = tv.tv_sec;
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
	printf("time of day: %s (%lld.%06ld)\n", when, (long long)tv.tv_sec,
	       (long)tv.tv_usec);
	printf("pi is about %.6f\n", 3.14159265358979);
	return 0;
}
