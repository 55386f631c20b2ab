/*
 * c-sigterm: waits in pause() until xl shutdown. Without arguments it
 * leaves SIGTERM alone, whose default action ends it (exit code 143).
 * With "stay", its handler notes SIGTERM and it waits on; the grace
 * period runs out and the domain stops (exit code 137).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t terms;

static void on_term(int sig)
{
	(void)sig;
	terms++;
}

int main(int argc, char **argv)
{
	printf("c-sigterm: env HOME=%s SKIFF_A=%s SKIFF_B=%s SKIFF_C=%s\n",
	       getenv("HOME"), getenv("SKIFF_A"), getenv("SKIFF_B"),
	       getenv("SKIFF_C"));
	if (argc > 1 && strcmp(argv[1], "stay") == 0) {
		signal(SIGTERM, on_term);
		printf("c-sigterm: handling SIGTERM and staying\n");
	} else {
		printf("c-sigterm: SIGTERM left at its default\n");
	}
	fflush(stdout);
	for (;;) {
		pause();
		printf("c-sigterm: pause returned, %d SIGTERM so far\n",
		       (int)terms);
		fflush(stdout);
	}
}
