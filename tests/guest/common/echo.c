/* A TCP echo server thread for guest tests (echo.h). */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "echo.h"

static struct {
	const char *tag;
	int port;
} echo;

/* Echo one client until it closes. */
static void echo_client(int c)
{
	char buf[4096];
	ssize_t n;

	while ((n = recv(c, buf, sizeof(buf), 0)) > 0)
		if (send(c, buf, (size_t)n, 0) != n)
			break;
	close(c);
}

static void *echo_main(void *arg)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)echo.port)};
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1, c;

	(void)arg;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(s, 8)) {
		printf("%s: echo server: %s\n", echo.tag, strerror(errno));
		return NULL;
	}
	printf("%s: echo on %d\n", echo.tag, echo.port);
	for (;;)
		if ((c = accept(s, NULL, NULL)) >= 0)
			echo_client(c);
}

int echo_start(const char *tag, int port)
{
	pthread_t t;

	echo.tag = tag;
	echo.port = port;
	if (pthread_create(&t, NULL, echo_main, NULL)) {
		printf("%s: no echo thread\n", tag);
		return -1;
	}
	return 0;
}
