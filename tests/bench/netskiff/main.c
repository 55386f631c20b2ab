/*
 * netskiff: the Skiff side of the network benchmark (tools/bench.sh,
 * tests/bench/net-dom0.sh drives it from dom0). Serves what the Linux
 * peer's netserve serves: examples/httpd itself (included below with its
 * main() renamed, run with -q: no access log) on port 80, a TCP sink on
 * 5001 and a source of SOURCE_MIB MiB on 5002, each a thread. Stops at
 * `xl shutdown`.
 */
#define main httpd_main
#include "../../../examples/httpd/main.c"
#undef main

#define SOURCE_MIB 64
#define IO_SIZE 65536

/* A listening socket on port, or exit. */
static int listen_port(int port)
{
	int ls = listen_on(port);

	if (ls < 0)
		exit(1);
	return ls;
}

/* Port 5001: read each client's bytes until it half-closes. */
static void *sink(void *arg)
{
	static char buf[IO_SIZE];
	int ls = listen_port(5001), fd;

	(void)arg;
	for (;;) {
		fd = accept(ls, NULL, NULL);
		if (fd < 0)
			continue;
		while (recv(fd, buf, sizeof(buf), 0) > 0)
			;
		close(fd);
	}
	return NULL;
}

/* Port 5002: SOURCE_MIB MiB to each client, then close. */
static void *source(void *arg)
{
	static char buf[IO_SIZE];
	int ls = listen_port(5002), fd, i;

	(void)arg;
	for (i = 0; i < IO_SIZE; i++)
		buf[i] = (char)(i * 7);
	for (;;) {
		fd = accept(ls, NULL, NULL);
		if (fd < 0)
			continue;
		for (i = 0; i < SOURCE_MIB * 16; i++)
			if (!send_all(fd, buf, IO_SIZE))
				break;
		close(fd);
	}
	return NULL;
}

int main(void)
{
	char *args[] = {"httpd", "-q", "80", NULL};
	pthread_t t;

	if (pthread_create(&t, NULL, sink, NULL) ||
	    pthread_create(&t, NULL, source, NULL)) {
		fprintf(stderr, "netskiff: no threads\n");
		return 1;
	}
	return httpd_main(3, args);
}
