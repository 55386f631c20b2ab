/*
 * hotplug: what a running app sees of devices attached and detached at
 * run time. A thread echoes TCP on port 7 on every address (the boot vif
 * and one attached later); the main thread waits for /dev/xvdb to appear,
 * hashes all of it, keeps it open and reads it until the disk is
 * detached, then says what the open fd and a new open get; then it
 * waits for /data/motd, on a disk the command line mounts when it is
 * attached (mount=xvdc:/data:ro:nofail). dom0.sh does the attaching,
 * checks the hash and the file and talks to both vifs; xl shutdown ends
 * the app.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../common/echo.h"
#include "../common/sha256.h"

#define POLL_MS 200
#define WAIT_DISK_S 120
#define WAIT_GONE_S 20

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};

	nanosleep(&ts, NULL);
}

/* The disk, once it is attached (polling open()). */
static int wait_disk(void)
{
	int fd, i;

	for (i = 0; i < WAIT_DISK_S * 1000 / POLL_MS; i++) {
		if ((fd = open("/dev/xvdb", O_RDONLY)) >= 0)
			return fd;
		sleep_ms(POLL_MS);
	}
	return -1;
}

static void hash_disk(int fd)
{
	static char buf[65536];
	struct sha256 s;
	long long total = 0;
	char hex[65];
	ssize_t n;

	sha256_init(&s);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		sha256_update(&s, buf, (size_t)n);
		total += n;
	}
	sha256_hex(&s, hex);
	printf("hotplug: xvdb %lld bytes, end %zd, sha256 %s\n", total, n, hex);
}

/* Read the kept fd until the disk goes; what a new open gets then. */
static void until_detached(int fd)
{
	char sector[512];
	int e, fd2, i;

	while (pread(fd, sector, sizeof(sector), 0) == sizeof(sector))
		sleep_ms(POLL_MS);
	e = errno;
	printf("hotplug: xvdb after detach: pread %s%s\n", strerror(e),
	       e == ENXIO ? " (ENXIO)" : "");
	/* The device goes once the toolstack removed its directory: until
	 * then an open finds it disconnected (ENXIO). */
	for (i = 0; i < WAIT_GONE_S * 1000 / POLL_MS; i++) {
		fd2 = open("/dev/xvdb", O_RDONLY);
		if (fd2 < 0 && errno != ENXIO)
			break;
		if (fd2 >= 0)
			close(fd2);
		sleep_ms(POLL_MS);
	}
	printf("hotplug: open xvdb after detach: %d %s\n", fd2,
	       fd2 < 0 ? strerror(errno) : "");
	printf("hotplug: close %d\n", close(fd));
}

/* The file on the disk mounted once attached. */
static void read_motd(void)
{
	char line[128] = "";
	FILE *f = NULL;
	int i;

	for (i = 0; i < WAIT_DISK_S * 1000 / POLL_MS; i++) {
		if ((f = fopen("/data/motd", "r")))
			break;
		sleep_ms(POLL_MS);
	}
	if (!f) {
		printf("hotplug: /data/motd never came: %s\n", strerror(errno));
		return;
	}
	if (fgets(line, sizeof(line), f))
		line[strcspn(line, "\n")] = 0;
	fclose(f);
	printf("hotplug: /data/motd: %s\n", line);
}

int main(void)
{
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (echo_start("hotplug", 7))
		return 1;
	printf("hotplug: waiting for xvdb\n");
	if ((fd = wait_disk()) < 0) {
		printf("hotplug: xvdb never came: %s\n", strerror(errno));
		return 1;
	}
	hash_disk(fd);
	until_detached(fd);
	printf("hotplug: the app goes on\n");
	read_motd();
	for (;;)
		sleep(60); /* until xl shutdown */
}
