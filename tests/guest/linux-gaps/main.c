/*
 * linux-gaps: the calls and behaviours Go's standard-library tests found
 * missing (docs/compat.md), each checked as Linux has it, from a static
 * musl program (a Linux binary). Each part prints "linux-gaps: NAME ok"
 * or "linux-gaps: FAIL ..." lines; the exit code is the failure count.
 * "linux-gaps exe-child PATH" is the child half of exec-exe.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif
/* The ramdisk's one mtime (tools/mkcpio.sh): 1 January 2000. */
#define RAMDISK_MTIME 946684800

static int failures;

static void fail(const char *fmt, ...)
{
	va_list ap;
	int e = errno;

	printf("linux-gaps: FAIL ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (errno %d %s)\n", e, strerror(e));
	failures++;
}

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			fail(__VA_ARGS__);                                     \
			return;                                                \
		}                                                              \
	} while (0)

static void ok(const char *step)
{
	printf("linux-gaps: %s ok\n", step);
}

/* --- FIFOs ---------------------------------------------------------------- */

static void test_fifo(void)
{
	const char *name = "/tmp/fifo";
	struct pollfd p;
	struct stat st;
	char buf[16];
	int r, w;

	CHECK(mkfifo(name, 0600) == 0, "mkfifo");
	CHECK(stat(name, &st) == 0 && S_ISFIFO(st.st_mode) &&
		  (st.st_mode & 0777) == 0600,
	      "stat of the FIFO: mode %o", (unsigned)st.st_mode);
	CHECK(mkfifo(name, 0600) < 0 && errno == EEXIST, "mkfifo twice");
	/* No reader: a non-blocking writer is refused. */
	CHECK(open(name, O_WRONLY | O_NONBLOCK) < 0 && errno == ENXIO,
	      "O_WRONLY|O_NONBLOCK without a reader");
	r = open(name, O_RDONLY | O_NONBLOCK);
	CHECK(r >= 0, "O_RDONLY|O_NONBLOCK");
	/* A reader that never had a writer: no data, not hung up. */
	p.fd = r;
	p.events = POLLIN;
	CHECK(poll(&p, 1, 0) == 0, "poll before any writer: %x", p.revents);
	CHECK(read(r, buf, sizeof(buf)) == 0 || errno == EAGAIN,
	      "read before any writer");
	w = open(name, O_WRONLY);
	CHECK(w >= 0, "O_WRONLY with a reader");
	CHECK(write(w, "hello", 5) == 5, "write");
	CHECK(read(r, buf, sizeof(buf)) == 5 && !memcmp(buf, "hello", 5),
	      "read what was written");
	CHECK(read(r, buf, sizeof(buf)) < 0 && errno == EAGAIN,
	      "EAGAIN while the writer is there");
	close(w);
	CHECK(poll(&p, 1, 0) == 1 && (p.revents & POLLHUP), "POLLHUP (%x)",
	      p.revents);
	CHECK(read(r, buf, sizeof(buf)) == 0, "end of file once writers went");
	close(r);
	/* O_RDWR never waits; the bytes go when the last one closes. */
	r = open(name, O_RDWR);
	CHECK(r >= 0 && write(r, "x", 1) == 1, "O_RDWR");
	close(r);
	r = open(name, O_RDWR | O_NONBLOCK);
	CHECK(r >= 0 && read(r, buf, 1) < 0 && errno == EAGAIN,
	      "the bytes went with the last open file");
	close(r);
	CHECK(unlink(name) == 0 && stat(name, &st) < 0, "unlink the FIFO");
	CHECK(mknod("/tmp/dev", S_IFCHR | 0600, 0x0101) < 0 && errno == EPERM,
	      "mknod of a device");
	ok("fifo");
}

struct opener {
	const char *name;
	int flags, fd, done;
};

static void *open_thread(void *arg)
{
	struct opener *o = arg;

	o->fd = open(o->name, o->flags);
	o->done = 1;
	return NULL;
}

/* A blocking open of one side waits for the other. */
static void test_fifo_wait(void)
{
	struct opener o = {"/tmp/fifo2", O_RDONLY, -1, 0};
	struct timespec ms50 = {0, 50 * 1000 * 1000};
	pthread_t t;
	char buf[8];
	int w;

	CHECK(mknod(o.name, S_IFIFO | 0644, 0) == 0, "mknod S_IFIFO");
	CHECK(pthread_create(&t, NULL, open_thread, &o) == 0, "thread");
	nanosleep(&ms50, NULL);
	CHECK(!o.done, "O_RDONLY did not wait for a writer");
	w = open(o.name, O_WRONLY);
	CHECK(w >= 0, "O_WRONLY");
	pthread_join(t, NULL);
	CHECK(o.fd >= 0, "the reader's open");
	CHECK(write(w, "abc", 3) == 3 && close(w) == 0, "write and close");
	CHECK(read(o.fd, buf, sizeof(buf)) == 3 && read(o.fd, buf, 1) == 0,
	      "data, then the end");
	close(o.fd);
	/* And a writer waits for a reader. */
	o.flags = O_WRONLY;
	o.done = 0;
	CHECK(pthread_create(&t, NULL, open_thread, &o) == 0, "thread 2");
	nanosleep(&ms50, NULL);
	CHECK(!o.done, "O_WRONLY did not wait for a reader");
	w = open(o.name, O_RDONLY);
	pthread_join(t, NULL);
	CHECK(w >= 0 && o.fd >= 0, "both opens");
	close(w);
	CHECK(write(o.fd, "x", 1) < 0 && errno == EPIPE, "EPIPE");
	close(o.fd);
	unlink(o.name);
	ok("fifo-wait");
}

/* --- AF_UNIX sockets as files ---------------------------------------------- */

static socklen_t un_addr(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) +
			   strlen(path) + 1);
}

static int connect_to(const char *path)
{
	struct sockaddr_un a;
	socklen_t n = un_addr(&a, path);
	int c = socket(AF_UNIX, SOCK_STREAM, 0), rc;

	rc = connect(c, (struct sockaddr *)&a, n);
	if (rc < 0) {
		int e = errno;

		close(c);
		errno = e;
		return -1;
	}
	return c;
}

static void test_unix_files(void)
{
	const char *path = "/tmp/u.sock";
	struct sockaddr_un a;
	socklen_t n = un_addr(&a, path);
	int l = socket(AF_UNIX, SOCK_STREAM, 0), l2, c, s;
	struct stat st;
	char buf[8];

	CHECK(bind(l, (struct sockaddr *)&a, n) == 0 && listen(l, 4) == 0,
	      "bind and listen");
	CHECK(stat(path, &st) == 0 && S_ISSOCK(st.st_mode), "stat: mode %o",
	      (unsigned)st.st_mode);
	l2 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK(bind(l2, (struct sockaddr *)&a, n) < 0 && errno == EADDRINUSE,
	      "a second bind of the path");
	n = un_addr(&a, "//");
	CHECK(bind(l2, (struct sockaddr *)&a, n) < 0 && errno == EADDRINUSE,
	      "bind of //");
	close(l2);
	CHECK(open(path, O_RDONLY) < 0 && errno == ENXIO, "open of a socket");
	/* Found through the file: a relative path and a symbolic link. */
	CHECK(chdir("/tmp") == 0, "chdir");
	c = connect_to("u.sock");
	CHECK(c >= 0, "connect by a relative path");
	s = accept(l, NULL, NULL);
	CHECK(s >= 0 && write(c, "hi", 2) == 2 && read(s, buf, 2) == 2, "talk");
	close(c);
	close(s);
	CHECK(symlink(path, "/tmp/u.link") == 0, "symlink");
	c = connect_to("/tmp/u.link");
	CHECK(c >= 0, "connect through a symbolic link");
	close(c);
	close(accept(l, NULL, NULL));
	CHECK(chdir("/data") == 0, "chdir back");
	/* A file that is no socket refuses; a removed name is gone. */
	CHECK(connect_to("/data/note.txt") < 0 && errno == ECONNREFUSED,
	      "connect to a regular file");
	CHECK(unlink(path) == 0, "unlink the socket");
	CHECK(connect_to(path) < 0 && errno == ENOENT, "connect after unlink");
	close(l);
	/* The file outlives its socket until unlinked, as on Linux. */
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	n = un_addr(&a, path);
	CHECK(bind(l, (struct sockaddr *)&a, n) == 0 && listen(l, 1) == 0,
	      "bind again");
	close(l);
	CHECK(stat(path, &st) == 0 && S_ISSOCK(st.st_mode),
	      "the file after close");
	CHECK(connect_to(path) < 0 && errno == ECONNREFUSED,
	      "connect to a closed socket's file");
	unlink(path);
	unlink("/tmp/u.link");
	ok("unix-files");
}

/* --- recvmsg's MSG_CMSG_CLOEXEC ------------------------------------------- */

/* Pass fd over sv and receive it with flags: the new fd's FD_ flags. */
static int pass_fd(int sv[2], int fd, int flags)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct iovec io = {"x", 1};
	struct msghdr m;
	struct cmsghdr *cm;
	char byte;
	int got, fdflags;

	memset(&m, 0, sizeof(m));
	memset(&ctl, 0, sizeof(ctl));
	m.msg_iov = &io;
	m.msg_iovlen = 1;
	m.msg_control = ctl.buf;
	m.msg_controllen = sizeof(ctl.buf);
	cm = CMSG_FIRSTHDR(&m);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	if (sendmsg(sv[0], &m, 0) != 1)
		return -1;
	io.iov_base = &byte;
	m.msg_controllen = sizeof(ctl.buf);
	if (recvmsg(sv[1], &m, flags) != 1 || !(cm = CMSG_FIRSTHDR(&m)))
		return -1;
	memcpy(&got, CMSG_DATA(cm), sizeof(int));
	fdflags = fcntl(got, F_GETFD);
	close(got);
	return fdflags;
}

static void test_cmsg_cloexec(void)
{
	int sv[2], f;

	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0, "socketpair");
	f = pass_fd(sv, 0, MSG_CMSG_CLOEXEC);
	CHECK(f >= 0 && (f & FD_CLOEXEC), "MSG_CMSG_CLOEXEC: flags %d", f);
	f = pass_fd(sv, 0, 0);
	CHECK(f == 0, "without MSG_CMSG_CLOEXEC: flags %d", f);
	close(sv[0]);
	close(sv[1]);
	ok("cmsg-cloexec");
}

/* --- pidfds --------------------------------------------------------------- */

static long pidfd_open(int pid, unsigned flags)
{
	return syscall(SYS_pidfd_open, pid, flags);
}

static long pidfd_send_signal(int fd, int sig)
{
	return syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
}

static void test_pidfd(void)
{
	struct pollfd p = {.events = POLLIN};
	siginfo_t info;
	int fd, pid;

	fd = (int)pidfd_open(getpid(), 0);
	CHECK(fd >= 0, "pidfd_open of itself");
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "a pidfd is close-on-exec");
	CHECK(waitid(P_PIDFD, fd, &info, WEXITED) < 0 && errno == ECHILD,
	      "waitid P_PIDFD of itself");
	CHECK(pidfd_send_signal(fd, 0) == 0, "pidfd_send_signal 0");
	close(fd);
	CHECK(pidfd_open(99999, 0) < 0 && errno == ESRCH, "ESRCH");
	CHECK(pidfd_open(getpid(), 1) < 0 && errno == EINVAL, "bad flags");
	CHECK(pidfd_send_signal(0, 0) < 0 && errno == EBADF, "not a pidfd");
	/* A child killed through its pidfd. */
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(1);
	}
	CHECK(pid > 0, "fork");
	fd = (int)pidfd_open(pid, 0);
	CHECK(fd >= 0, "pidfd_open of a child");
	p.fd = fd;
	CHECK(poll(&p, 1, 0) == 0, "readable while it runs");
	CHECK(pidfd_send_signal(fd, SIGTERM) == 0, "SIGTERM by pidfd");
	CHECK(poll(&p, 1, 2000) == 1 && (p.revents & POLLIN),
	      "readable once it ended");
	memset(&info, 0, sizeof(info));
	CHECK(waitid(P_PIDFD, fd, &info, WEXITED) == 0 && info.si_pid == pid &&
		  info.si_code == CLD_KILLED && info.si_status == SIGTERM,
	      "waitid P_PIDFD: pid %d code %d status %d", info.si_pid,
	      info.si_code, info.si_status);
	CHECK(pidfd_send_signal(fd, 0) < 0 && errno == ESRCH,
	      "signal to a reaped child");
	close(fd);
	ok("pidfd");
}

/* clone(CLONE_PIDFD) as Go's os/exec uses it (here without CLONE_VM). */
static void test_pidfd_clone(void)
{
	int pidfd = -1, nb;
	siginfo_t info;
	long pid;

	pid = syscall(SYS_clone, CLONE_PIDFD | SIGCHLD, 0, &pidfd, 0, 0);
	if (pid == 0)
		_exit(7);
	CHECK(pid > 0 && pidfd >= 0, "clone CLONE_PIDFD: %ld %d", pid, pidfd);
	memset(&info, 0, sizeof(info));
	CHECK(waitid(P_PIDFD, pidfd, &info, WEXITED) == 0 &&
		  info.si_pid == pid && info.si_code == CLD_EXITED &&
		  info.si_status == 7,
	      "waitid of the clone: code %d status %d", info.si_code,
	      info.si_status);
	close(pidfd);
	CHECK(syscall(SYS_clone, CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, 0,
		      &pidfd, 0, 0) < 0 &&
		  errno == EINVAL,
	      "CLONE_PIDFD with CLONE_PARENT_SETTID");
	/* A non-blocking pidfd: EAGAIN while the child runs. */
	pid = fork();
	if (pid == 0) {
		pause();
		_exit(0);
	}
	nb = (int)pidfd_open((int)pid, O_NONBLOCK);
	CHECK(nb >= 0 && waitid(P_PIDFD, nb, &info, WEXITED) < 0 &&
		  errno == EAGAIN,
	      "EAGAIN on a non-blocking pidfd");
	kill((pid_t)pid, SIGKILL);
	waitpid((pid_t)pid, NULL, 0);
	close(nb);
	ok("pidfd-clone");
}

/* --- mincore, copy_file_range --------------------------------------------- */

static void test_mincore(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char vec[4] = {9, 9, 9, 9};
	char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	CHECK(m != MAP_FAILED, "mmap");
	m[0] = 1;
	m[2 * pg] = 1;
	CHECK(mincore(m, 4 * pg, vec) == 0, "mincore");
	CHECK(vec[0] == 1 && vec[1] == 0 && vec[2] == 1 && vec[3] == 0,
	      "residency %d %d %d %d", vec[0], vec[1], vec[2], vec[3]);
	CHECK(mincore(m + 1, pg, vec) < 0 && errno == EINVAL, "unaligned");
	munmap(m + 3 * pg, pg);
	CHECK(mincore(m, 4 * pg, vec) < 0 && errno == ENOMEM, "a hole");
	munmap(m, 3 * pg);
	ok("mincore");
}

static void test_copy_range(void)
{
	int fd = open("/tmp/cfr", O_RDWR | O_CREAT | O_TRUNC, 0644);
	off64_t in = 0, out = 0;
	char buf[32];

	CHECK(fd >= 0 && write(fd, "hello world!", 12) == 12, "create");
	CHECK(copy_file_range(fd, &in, fd, &out, 12, 0) < 0 && errno == EINVAL,
	      "overlapping ranges of one file");
	in = 0;
	out = 12;
	CHECK(copy_file_range(fd, &in, fd, &out, 12, 0) == 12,
	      "ranges that do not overlap");
	CHECK(pread(fd, buf, sizeof(buf), 0) == 24 &&
		  !memcmp(buf, "hello world!hello world!", 24),
	      "the copy");
	close(fd);
	unlink("/tmp/cfr");
	ok("copy-range");
}

/* --- Files and directories ------------------------------------------------ */

static void test_etc_dir(void)
{
	const char *want[] = {"passwd", "group", "hosts"};
	struct dirent *e;
	char buf[32];
	size_t i;
	int seen = 0, fd;
	DIR *d = opendir("/etc");

	CHECK(d != NULL, "opendir /etc");
	while ((e = readdir(d)) != NULL)
		for (i = 0; i < 3; i++)
			if (!strcmp(e->d_name, want[i]) && e->d_type == DT_REG)
				seen |= 1 << i;
	closedir(d);
	CHECK(seen == 7, "/etc lists passwd, group and hosts (%d)", seen);
	CHECK(open("/etc", O_WRONLY) < 0 && errno == EISDIR, "EISDIR");
	fd = open("/proc/sys/fs/pipe-max-size", O_RDONLY);
	memset(buf, 0, sizeof(buf));
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) > 0 &&
		  !strcmp(buf, "65536\n"),
	      "pipe-max-size: %s", buf);
	close(fd);
	/* Relative to a directory fd, the name still opens the file. */
	fd = open("/etc", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0, "open /etc");
	i = (size_t)openat(fd, "passwd", O_RDONLY);
	CHECK((int)i >= 0 && read((int)i, buf, 5) == 5 &&
		  !memcmp(buf, "root:", 5),
	      "openat passwd");
	close((int)i);
	close(fd);
	CHECK(open("/etc/passwd", O_WRONLY) < 0 && errno == EROFS, "EROFS");
	/* One file whichever way it is reached (Go's os.SameFile). */
	{
		struct stat a, b;

		fd = open("/etc/passwd", O_RDONLY);
		CHECK(fd >= 0 && fstat(fd, &a) == 0 &&
			  stat("/etc/../etc/passwd", &b) == 0 &&
			  a.st_dev == b.st_dev && a.st_ino == b.st_ino,
		      "stat and fstat of /etc/passwd: %lu:%lu and %lu:%lu",
		      (unsigned long)a.st_dev, (unsigned long)a.st_ino,
		      (unsigned long)b.st_dev, (unsigned long)b.st_ino);
		close(fd);
	}
	ok("etc-dir");
}

static void test_mtime(void)
{
	struct stat st;

	CHECK(stat("/data/note.txt", &st) == 0, "stat");
	CHECK(st.st_mtime == RAMDISK_MTIME, "mtime %lld",
	      (long long)st.st_mtime);
	ok("mtime");
}

/* The program is a file at the path /proc/self/exe names. */
static void test_exe(void)
{
	char path[256], head[4];
	struct stat a, b;
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	int fd;

	CHECK(n > 0, "readlink /proc/self/exe");
	path[n] = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK);
	CHECK(fd >= 0, "open %s", path);
	CHECK(read(fd, head, 4) == 4 && !memcmp(head, "\177ELF", 4),
	      "an ELF file");
	CHECK(fstat(fd, &a) == 0 && stat("/proc/self/exe", &b) == 0 &&
		  a.st_size == b.st_size && (a.st_mode & 0111),
	      "the same size, executable");
	close(fd);
	ok("exe");
}

/* Run path (argv[0] name) as a child that checks its /proc/self/exe is
 * want: its exit status, or -1. */
static int run_exe_child(const char *path, const char *name, const char *want)
{
	int pid = fork(), status;

	if (pid == 0) {
		execl(path, name, "exe-child", want, (char *)NULL);
		_exit(120);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The child's half: 0 if /proc/self/exe names want. */
static int exe_child(const char *want)
{
	char path[256];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);

	if (n < 0)
		return 2;
	path[n] = 0;
	if (strcmp(path, want)) {
		printf("linux-gaps: the child's /proc/self/exe is %s, not %s\n",
		       path, want);
		return 1;
	}
	return 0;
}

/* An exec'd program's /proc/self/exe is the file it came from, by its
 * absolute path, whatever its argv[0]. */
static void test_exec_exe(void)
{
	char self[256], buf[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	int in, out, rc;

	CHECK(n > 0, "readlink /proc/self/exe");
	self[n] = 0;
	/* A copy of the program, run by a path with "." and "..". */
	in = open("/proc/self/exe", O_RDONLY);
	CHECK(mkdir("/tmp/sub", 0755) == 0, "mkdir /tmp/sub");
	out = open("/tmp/sub/prog", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	CHECK(in >= 0 && out >= 0, "open for the copy");
	while ((n = read(in, buf, sizeof(buf))) > 0)
		CHECK(write(out, buf, (size_t)n) == n, "write the copy");
	close(in);
	close(out);
	rc = run_exe_child("../tmp/./sub/../sub/prog", "other-name",
			   "/tmp/sub/prog");
	CHECK(rc == 0, "the copy's exe (status %d)", rc);
	/* The running program through /proc/self/exe keeps its file. */
	rc = run_exe_child("/proc/self/exe", "again", self);
	CHECK(rc == 0, "/proc/self/exe's exe (status %d)", rc);
	unlink("/tmp/sub/prog");
	rmdir("/tmp/sub");
	ok("exec-exe");
}

static void test_cwd(void)
{
	char buf[64];

	CHECK(getcwd(buf, sizeof(buf)) && !strcmp(buf, "/data"), "getcwd %s",
	      buf);
	CHECK(access("note.txt", R_OK) == 0, "a relative path");
	ok("cwd");
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "exe-child"))
		return exe_child(argv[2]);
	signal(SIGPIPE, SIG_IGN); /* EPIPE is checked, not the signal */
	test_cwd();
	test_fifo();
	test_fifo_wait();
	test_unix_files();
	test_cmsg_cloexec();
	test_pidfd();
	test_pidfd_clone();
	test_mincore();
	test_copy_range();
	test_etc_dir();
	test_mtime();
	test_exe();
	test_exec_exe();
	printf("linux-gaps: %d failures\n", failures);
	return failures;
}
