/*
 * entropy-musl: what a Linux program built with musl finds: getrandom()
 * through the system call (flags, EINVAL, EFAULT, a large request),
 * AT_RANDOM, and the memory devices through open/openat, fstat, read,
 * write, poll and epoll. One "ok:" line per check, "FAIL:" on a miss;
 * the bytes are printed for the record.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static int failed;

static void check(int ok, const char *what)
{
	if (ok) {
		printf("entropy-musl: ok: %s\n", what);
	} else {
		printf("entropy-musl: FAIL: %s (errno %d)\n", what, errno);
		failed++;
	}
}

static long sys_getrandom(void *buf, size_t len, unsigned int flags)
{
	return syscall(SYS_getrandom, buf, len, flags);
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

static void print_hex(const char *label, const unsigned char *p, size_t n)
{
	printf("entropy-musl: %s ", label);
	while (n--)
		printf("%02x", *p++);
	printf("\n");
}

static void getrandom_calls(void)
{
	unsigned char a[32], b[32];
	const unsigned char *at = (const void *)getauxval(AT_RANDOM);
	size_t big = 5 << 20;
	unsigned char *p;

	check(at && !all_zero(at, 16), "AT_RANDOM: 16 bytes, not all zero");
	if (at)
		print_hex("AT_RANDOM", at, 16);
	check(sys_getrandom(a, sizeof(a), 0) == 32 && !all_zero(a, 32),
	      "getrandom 32");
	print_hex("getrandom", a, sizeof(a));
	check(sys_getrandom(b, sizeof(b), 0) == 32 && memcmp(a, b, 32),
	      "a second call differs");
	check(!at || memcmp(at, a, 16), "AT_RANDOM differs from getrandom");
	check(sys_getrandom(a, 8, 1) == 8 && sys_getrandom(a, 8, 2) == 8 &&
		  sys_getrandom(a, 8, 4) == 8 && sys_getrandom(a, 8, 3) == 8,
	      "GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE");
	errno = 0;
	check(sys_getrandom(a, 8, 8) == -1 && errno == EINVAL,
	      "unknown flag: EINVAL");
	errno = 0;
	check(sys_getrandom(a, 8, 6) == -1 && errno == EINVAL,
	      "GRND_RANDOM|GRND_INSECURE: EINVAL");
	errno = 0;
	check(sys_getrandom((void *)16, 8, 0) == -1 && errno == EFAULT,
	      "a bad buffer: EFAULT");
	check(sys_getrandom(NULL, 0, 0) == 0, "0 bytes: 0");
	p = malloc(big);
	check(p && sys_getrandom(p, big, 0) == (long)big &&
		  !all_zero(p + big - 32, 32) && memcmp(p, p + big / 2, 4096),
	      "5 MiB in one call");
	free(p);
}

static void devices(void)
{
	unsigned char buf[512];
	struct epoll_event ev = {.events = EPOLLIN};
	struct pollfd pfd;
	struct stat st;
	int fd, ep;

	fd = openat(AT_FDCWD, "/dev/urandom", O_RDONLY | O_CLOEXEC);
	check(fd >= 0 && fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
		  major(st.st_rdev) == 1 && minor(st.st_rdev) == 9,
	      "openat /dev/urandom: character device 1,9");
	check(read(fd, buf, sizeof(buf)) == sizeof(buf) &&
		  !all_zero(buf, sizeof(buf)),
	      "read 512 bytes of /dev/urandom");
	pfd.fd = fd;
	pfd.events = POLLIN;
	check(poll(&pfd, 1, 1000) == 1 && pfd.revents == POLLIN,
	      "poll: /dev/urandom readable");
	/* Linux's memory devices have no poll op: epoll refuses them. */
	ep = epoll_create1(0);
	errno = 0;
	check(ep >= 0 && epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == -1 &&
		  errno == EPERM,
	      "epoll: /dev/urandom is EPERM, as on Linux");
	close(ep);
	close(fd);
	check(stat("/dev/random", &st) == 0 && S_ISCHR(st.st_mode) &&
		  minor(st.st_rdev) == 8 && (st.st_mode & 0777) == 0666,
	      "stat /dev/random: character device 1,8, mode 0666");
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 0xff, sizeof(buf));
	check(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) &&
		  all_zero(buf, sizeof(buf)),
	      "/dev/zero reads zeros");
	close(fd);
	fd = open("/dev/null", O_RDWR);
	check(fd >= 0 && write(fd, buf, sizeof(buf)) == sizeof(buf) &&
		  read(fd, buf, sizeof(buf)) == 0,
	      "/dev/null: writes vanish, reads end of file");
	check(fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) &&
		  minor(st.st_rdev) == 3,
	      "/dev/null: character device 1,3");
	close(fd);
	check(access("/dev/urandom", R_OK) == 0, "access /dev/urandom");
}

int main(void)
{
	getrandom_calls();
	devices();
	printf("entropy-musl: %d failed\n", failed);
	return failed ? 1 : 0;
}
