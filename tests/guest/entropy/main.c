/*
 * entropy: a C app's ways to random bytes, and the memory devices. The
 * bytes go to the console (getrandom, getentropy, arc4random, and 4 KiB
 * of /dev/urandom as hex) for dom0 to compare across two boots and to
 * test statistically; what the app can check itself (errors, device
 * numbers, zeros, end of file) it checks, one "ok:" line each, and any
 * miss is a "FAIL:" line.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#define URANDOM_DUMP 4096
#define BIG (3 * 1024 * 1024)

static int failed;

static void check(int ok, const char *what)
{
	if (ok) {
		printf("entropy: ok: %s\n", what);
	} else {
		printf("entropy: FAIL: %s (errno %d)\n", what, errno);
		failed++;
	}
}

static void print_hex(const char *label, const unsigned char *p, size_t n)
{
	size_t i;

	printf("entropy: %s ", label);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

static void calls(void)
{
	unsigned char a[32], b[32], big[300];
	uint32_t r;

	check(getrandom(a, sizeof(a), 0) == (ssize_t)sizeof(a), "getrandom 32");
	print_hex("getrandom", a, sizeof(a));
	check(getentropy(b, sizeof(b)) == 0, "getentropy 32");
	print_hex("getentropy", b, sizeof(b));
	check(memcmp(a, b, sizeof(a)) != 0, "two calls give different bytes");
	check(getrandom(a, 8, GRND_NONBLOCK) == 8 &&
		  getrandom(a, 8, GRND_RANDOM) == 8 &&
		  getrandom(a, 8, GRND_INSECURE) == 8 &&
		  getrandom(a, 8, GRND_RANDOM | GRND_NONBLOCK) == 8,
	      "getrandom flags NONBLOCK, RANDOM, INSECURE");
	errno = 0;
	check(getrandom(a, 8, 0x8) == -1 && errno == EINVAL,
	      "getrandom unknown flag: EINVAL");
	errno = 0;
	check(getrandom(a, 8, GRND_RANDOM | GRND_INSECURE) == -1 &&
		  errno == EINVAL,
	      "getrandom RANDOM|INSECURE: EINVAL");
	errno = 0;
	check(getentropy(big, 257) == -1 && errno == EIO,
	      "getentropy over 256 bytes: EIO");
	check(getentropy(big, 256) == 0 && !all_zero(big, 256),
	      "getentropy 256");
	/* newlib's arc4random() draws its key from getentropy(). */
	r = arc4random();
	arc4random_buf(a, sizeof(a));
	printf("entropy: arc4random %08lx\n", (unsigned long)r);
	print_hex("arc4random_buf", a, sizeof(a));
	check(arc4random_uniform(10) < 10, "arc4random_uniform");
}

/* Several MiB in one call: more than the generator hands out between
 * reseeds. Every 64 KiB piece must differ from the first one. */
static void big_request(void)
{
	unsigned char *p = malloc(BIG);
	size_t off;
	int same = 0;

	if (!p) {
		check(0, "malloc for the big request");
		return;
	}
	check(getrandom(p, BIG, 0) == BIG, "getrandom 3 MiB in one call");
	for (off = 65536; off < BIG; off += 65536)
		same += !memcmp(p, p + off, 65536);
	check(!same && !all_zero(p + BIG - 64, 64),
	      "3 MiB: no piece repeats, the end is filled");
	free(p);
}

static void urandom(void)
{
	unsigned char buf[URANDOM_DUMP];
	struct pollfd pfd;
	struct stat st;
	size_t i;
	int fd;

	fd = open("/dev/urandom", O_RDONLY);
	check(fd >= 0, "open /dev/urandom");
	check(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
		  st.st_rdev == (1 << 8 | 9) && (st.st_mode & 0777) == 0666,
	      "/dev/urandom is character device 1,9, mode 0666");
	check(read(fd, buf, sizeof(buf)) == sizeof(buf), "read 4 KiB");
	for (i = 0; i < sizeof(buf); i += 64)
		print_hex("urandom", buf + i, 64);
	pfd.fd = fd;
	pfd.events = POLLIN | POLLOUT;
	check(poll(&pfd, 1, 0) == 1 && (pfd.revents & POLLIN) &&
		  (pfd.revents & POLLOUT),
	      "poll: /dev/urandom is readable");
	errno = 0;
	check(write(fd, buf, 4) == -1 && errno == EBADF,
	      "write on a read-only fd: EBADF");
	close(fd);
	fd = open("/dev/urandom", O_WRONLY);
	check(fd >= 0 && write(fd, "more", 4) == 4,
	      "write to /dev/urandom (mixed in)");
	close(fd);
	fd = open("/dev/random", O_RDONLY);
	check(fd >= 0 && read(fd, buf, 32) == 32 && !all_zero(buf, 32),
	      "read /dev/random");
	check(stat("/dev/random", &st) == 0 && S_ISCHR(st.st_mode) &&
		  st.st_rdev == (1 << 8 | 8),
	      "stat /dev/random: character device 1,8");
	close(fd);
}

static void zero_null_full(void)
{
	unsigned char buf[1000];
	struct stat st;
	int fd;

	memset(buf, 0xff, sizeof(buf));
	fd = open("/dev/zero", O_RDWR);
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) &&
		  all_zero(buf, sizeof(buf)),
	      "/dev/zero reads 1000 zeros");
	check(write(fd, "x", 1) == 1, "/dev/zero takes writes");
	check(lseek(fd, 100, SEEK_SET) == 0, "/dev/zero seeks to 0");
	close(fd);
	fd = open("/dev/null", O_RDWR);
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == 0,
	      "/dev/null reads end of file");
	check(write(fd, buf, sizeof(buf)) == sizeof(buf),
	      "/dev/null swallows 1000 bytes");
	check(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
		  st.st_rdev == (1 << 8 | 3),
	      "/dev/null is character device 1,3");
	close(fd);
	fd = open("/dev/null", O_WRONLY);
	errno = 0;
	check(fd >= 0 && read(fd, buf, 1) == -1 && errno == EBADF,
	      "read on a write-only /dev/null: EBADF");
	close(fd);
	fd = open("/dev/full", O_WRONLY);
	errno = 0;
	check(fd >= 0 && write(fd, buf, 1) == -1 && errno == ENOSPC,
	      "/dev/full: ENOSPC");
	close(fd);
	errno = 0;
	check(open("/dev/null", O_RDONLY | O_DIRECTORY) == -1 &&
		  errno == ENOTDIR,
	      "/dev/null with O_DIRECTORY: ENOTDIR");
	errno = 0;
	check(open("/dev/nothing", O_RDONLY) == -1 && errno == ENOENT,
	      "/dev/nothing: ENOENT");
}

int main(int argc, char **argv)
{
	/* seed= is the kernel's: the app sees only its own words. */
	check(argc == 3 && !strcmp(argv[1], "one") && !strcmp(argv[2], "two"),
	      "argv holds the app's words only");
	calls();
	big_request();
	urandom();
	zero_null_full();
	printf("entropy: %d failed\n", failed);
	printf("entropy: done\n");
	fflush(stdout);
	/* dom0 reboots the domain once, then shuts it down. */
	for (;;)
		sleep(60);
}
