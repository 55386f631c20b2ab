/*
 * musl-sysfiles: a static musl C program reads what Skiff synthesises
 * and makes the calls a C program makes about itself, through musl's
 * own code: /etc/hosts and /etc/services (getaddrinfo, getservbyname),
 * /etc/passwd (getpwuid), /proc/self/exe (readlink), the host name
 * (gethostname, uname), sendfile into a pipe with and without an offset
 * pointer, prctl names, getrusage, sysinfo, the process group calls,
 * priorities, waitpid without children.
 * Each check prints "musl-sysfiles: ..."; a mismatch prints a line with
 * FAIL; at the end PASS and exit 0, else exit 1. dom0 compares the host
 * name and its address with the domain's.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pwd.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#define FILE_PATH "/data/lines.txt"
#define LINE 24 /* "NNNN musl sendfile line\n" */

static int failed;

static void fail(const char *fmt, ...)
{
	va_list ap;

	failed = 1;
	printf("musl-sysfiles: FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void names(void)
{
	char host[128], exe[256], addr[64];
	struct addrinfo hints = {.ai_family = AF_INET}, *res;
	struct servent *se;
	struct passwd *pw;
	struct utsname u;
	ssize_t n;
	int rc;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		fail("readlink /proc/self/exe: %s", strerror(errno));
	else
		printf("musl-sysfiles: exe %.*s\n", (int)n, exe);
	if (readlink("/data/lines.txt", exe, sizeof(exe)) != -1 ||
	    errno != EINVAL)
		fail("readlink of a plain file: %s", strerror(errno));
	if (gethostname(host, sizeof(host)) < 0)
		fail("gethostname: %s", strerror(errno));
	printf("musl-sysfiles: hostname %s\n", host);
	uname(&u);
	if (strcmp(u.nodename, host))
		fail("uname nodename %s", u.nodename);
	rc = getaddrinfo(host, NULL, &hints, &res);
	if (rc) {
		fail("getaddrinfo %s: %s", host, gai_strerror(rc));
	} else {
		inet_ntop(AF_INET,
			  &((struct sockaddr_in *)res->ai_addr)->sin_addr, addr,
			  sizeof(addr));
		printf("musl-sysfiles: lookup %s %s\n", host, addr);
		freeaddrinfo(res);
	}
	rc = getaddrinfo("localhost", NULL, &hints, &res);
	if (rc) {
		fail("getaddrinfo localhost: %s", gai_strerror(rc));
	} else {
		inet_ntop(AF_INET,
			  &((struct sockaddr_in *)res->ai_addr)->sin_addr, addr,
			  sizeof(addr));
		printf("musl-sysfiles: lookup localhost %s\n", addr);
		freeaddrinfo(res);
	}
	se = getservbyname("https", "tcp");
	hints.ai_socktype = SOCK_STREAM;
	rc = getaddrinfo("127.0.0.1", "postgresql", &hints, &res);
	if (!se || ntohs((unsigned short)se->s_port) != 443 || rc ||
	    ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port) != 5432)
		fail("services: https %d, postgresql rc %d",
		     se ? ntohs((unsigned short)se->s_port) : -1, rc);
	else
		printf("musl-sysfiles: services https 443 postgresql 5432\n");
	if (!rc)
		freeaddrinfo(res);
	pw = getpwuid(0);
	if (!pw || strcmp(pw->pw_name, "root") || strcmp(pw->pw_dir, "/"))
		fail("getpwuid(0)");
	else
		printf("musl-sysfiles: uid 0 is %s, home %s\n", pw->pw_name,
		       pw->pw_dir);
}

/* Read what sendfile put into the pipe and compare with the file's
 * bytes from off. */
static int pipe_holds(int rd, const char *all, long off, long n)
{
	char buf[4096];
	long got = 0, r;

	while (got < n && (r = read(rd, buf + got, (size_t)(n - got))) > 0)
		got += r;
	return got == n && !memcmp(buf, all + off, (size_t)n);
}

static void send_file(void)
{
	char all[16384];
	int fd = open(FILE_PATH, O_RDONLY), p[2];
	off_t off = 5 * LINE;
	ssize_t n, size;

	size = read(fd, all, sizeof(all));
	if (fd < 0 || size != 500 * LINE || pipe(p) < 0) {
		fail("%s: %zd bytes", FILE_PATH, size);
		return;
	}
	lseek(fd, 2 * LINE, SEEK_SET);
	/* No offset pointer: from the file's offset, which moves. */
	n = sendfile(p[1], fd, NULL, 3 * LINE);
	if (n != 3 * LINE || lseek(fd, 0, SEEK_CUR) != 5 * LINE ||
	    !pipe_holds(p[0], all, 2 * LINE, 3 * LINE))
		fail("sendfile without offset: %zd", n);
	/* An offset pointer: from there, it moves, the file's stays. */
	n = sendfile(p[1], fd, &off, 2 * LINE);
	if (n != 2 * LINE || off != 7 * LINE ||
	    lseek(fd, 0, SEEK_CUR) != 5 * LINE ||
	    !pipe_holds(p[0], all, 5 * LINE, 2 * LINE))
		fail("sendfile with offset: %zd, offset %lld", n,
		     (long long)off);
	/* At the end: 0; a short file: what is there. */
	off = size;
	n = sendfile(p[1], fd, &off, 100);
	if (n != 0)
		fail("sendfile at the end: %zd", n);
	off = size - 10;
	n = sendfile(p[1], fd, &off, 100);
	if (n != 10 || off != size || !pipe_holds(p[0], all, size - 10, 10))
		fail("sendfile of the tail: %zd", n);
	/* Not readable as a file: a pipe as the source, a bad fd. */
	if (sendfile(p[1], p[0], NULL, 10) != -1 || errno != EINVAL)
		fail("sendfile from a pipe: %s", strerror(errno));
	if (sendfile(p[1], 99, NULL, 10) != -1 || errno != EBADF)
		fail("sendfile from a bad fd: %s", strerror(errno));
	printf("musl-sysfiles: sendfile into a pipe: offsets as Linux\n");
	close(p[0]);
	close(p[1]);
	close(fd);
}

static void process(void)
{
	char name[16] = {0};
	struct rusage ru;
	struct sysinfo si;

	prctl(PR_GET_NAME, name);
	printf("musl-sysfiles: thread name %s\n", name);
	prctl(PR_SET_NAME, "worker-of-musl-sysfiles");
	prctl(PR_GET_NAME, name);
	if (strcmp(name, "worker-of-musl-"))
		fail("PR_SET_NAME: %s", name);
	if (prctl(PR_GET_DUMPABLE) != 1 || prctl(9999) != -1 || errno != EINVAL)
		fail("prctl");
	if (getrusage(RUSAGE_SELF, &ru) || ru.ru_utime.tv_sec < 0 ||
	    (ru.ru_utime.tv_sec == 0 && ru.ru_utime.tv_usec == 0))
		fail("getrusage: no CPU time");
	if (sysinfo(&si) || si.totalram == 0 || si.freeram > si.totalram)
		fail("sysinfo");
	if (getpid() != 1 || getpgrp() != 1 || getsid(0) != 1 ||
	    setsid() != -1 || errno != EPERM)
		fail("process group calls");
	if (umask(077) != 022 || umask(022) != 077)
		fail("umask");
	errno = 0;
	if (getpriority(PRIO_PROCESS, 0) != 0 || errno ||
	    setpriority(PRIO_PROCESS, 0, 5) ||
	    getpriority(PRIO_PROCESS, 0) != 5)
		fail("priorities: %s", strerror(errno));
	/* musl's sched_getscheduler() is ENOSYS by design: the call itself. */
	if (syscall(SYS_sched_getscheduler, 0) != SCHED_OTHER)
		fail("sched_getscheduler: %s", strerror(errno));
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD)
		fail("waitpid: %s", strerror(errno));
	printf("musl-sysfiles: prctl, getrusage, sysinfo (%lu MiB), "
	       "process groups, umask, priorities, waitpid\n",
	       (unsigned long)(si.totalram * si.mem_unit >> 20));
}

int main(void)
{
	names();
	send_file();
	process();
	printf("musl-sysfiles: %s\n", failed ? "FAIL" : "PASS");
	return failed;
}
