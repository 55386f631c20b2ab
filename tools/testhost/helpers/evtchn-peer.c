/*
 * evtchn-peer: the dom0 end of an event channel to a guest, through the
 * evtchn device. A test helper for Skiff's event channels, run in the test
 * host's dom0 next to the guest. Both modes take turns with the guest (one
 * event, one reply), because events on a port coalesce.
 *
 *   evtchn-peer DOMID PORT COUNT      bind to the guest's unbound PORT,
 *                                     then COUNT times: notify, await reply
 *   evtchn-peer -l DOMID COUNT FILE   allocate a port for the guest, write
 *                                     its number to FILE, then COUNT times:
 *                                     await an event, reply
 *
 * Prints what it bound and "sent N, received M"; waits at most 10 s for
 * each event. Xen marks a port pending when it is bound to a remote one
 * (a "you may have missed something" for the binder), so the binding mode
 * first takes that event away, or it would count as the guest's reply. Exit status 0 when all COUNT round trips happened, else 1.
 */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The device header uses Xen's domid_t without including its definition. */
typedef uint16_t domid_t;
#include <xen/sys/evtchn.h>

#define WAIT_MS 10000

static void die(const char *what)
{
	fprintf(stderr, "evtchn-peer: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void notify(int fd, unsigned int port)
{
	struct ioctl_evtchn_notify n = {.port = port};

	if (ioctl(fd, IOCTL_EVTCHN_NOTIFY, &n))
		die("IOCTL_EVTCHN_NOTIFY");
}

/* Wait (at most ms) for an event on port, then unmask it again (the
 * device masks a port when it reports it). Returns 1 for an event, 0 on
 * timeout. */
static int await(int fd, unsigned int port, int ms)
{
	struct pollfd p = {.fd = fd, .events = POLLIN};
	unsigned int got;

	for (;;) {
		int rc = poll(&p, 1, ms);

		if (rc < 0 && errno != EINTR)
			die("poll");
		if (rc == 0)
			return 0;
		if (rc < 0)
			continue;
		if (read(fd, &got, sizeof(got)) != sizeof(got))
			die("read");
		if (write(fd, &got, sizeof(got)) != sizeof(got))
			die("write (unmask)");
		if (got == port)
			return 1;
	}
}

/* Write the port number to path, appearing at once (via a rename). */
static void publish(const char *path, unsigned int port)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (!(f = fopen(tmp, "w")) || fprintf(f, "%u\n", port) < 0 ||
	    fclose(f) || rename(tmp, path))
		die(path);
}

static int bind_port(int fd, int listen, unsigned int domid, unsigned int port)
{
	struct ioctl_evtchn_bind_interdomain b = {domid, port};
	struct ioctl_evtchn_bind_unbound_port u = {domid};
	int local = listen ? ioctl(fd, IOCTL_EVTCHN_BIND_UNBOUND_PORT, &u)
			   : ioctl(fd, IOCTL_EVTCHN_BIND_INTERDOMAIN, &b);

	if (local < 0)
		die(listen ? "IOCTL_EVTCHN_BIND_UNBOUND_PORT"
			   : "IOCTL_EVTCHN_BIND_INTERDOMAIN");
	return local;
}

int main(int argc, char **argv)
{
	int listen = argc == 5 && !strcmp(argv[1], "-l");
	unsigned int domid, count, local, sent = 0, received = 0;
	int fd;

	if (argc != 4 && !listen) {
		fprintf(stderr, "usage: evtchn-peer DOMID PORT COUNT\n"
				"       evtchn-peer -l DOMID COUNT FILE\n");
		return 2;
	}
	domid = (unsigned int)strtoul(argv[1 + listen], NULL, 0);
	count = (unsigned int)strtoul(argv[3], NULL, 0);
	if ((fd = open("/dev/xen/evtchn", O_RDWR)) < 0)
		die("/dev/xen/evtchn");
	local = (unsigned int)bind_port(
	    fd, listen, domid,
	    listen ? 0 : (unsigned int)strtoul(argv[2], NULL, 0));
	if (listen) {
		printf("evtchn-peer: allocated port %u for domain %u\n", local,
		       domid);
		fflush(stdout);
		publish(argv[4], local);
	} else {
		printf("evtchn-peer: bound domain %u port %s as local port "
		       "%u\n",
		       domid, argv[2], local);
		printf("evtchn-peer: bind event %s\n",
		       await(fd, local, 1000) ? "taken" : "absent");
	}
	while ((listen ? received : sent) < count) {
		if (!listen) {
			notify(fd, local);
			sent++;
		}
		if (!await(fd, local, WAIT_MS))
			break;
		received++;
		if (listen) {
			notify(fd, local);
			sent++;
		}
	}
	printf("evtchn-peer: sent %u, received %u\n", sent, received);
	close(fd);
	return sent == count && received == count ? 0 : 1;
}
