/*
 * c-oom: use up the domain's memory from user code, then check that the
 * kernel still works. The program maps 1 GiB and touches it page by page
 * until a touch fails (SIGBUS: no frame; Linux would run its OOM killer
 * instead). While memory is full, calls that need only kernel memory
 * still work: pipes and a socketpair (their buffers come from the
 * kernel's heap), a thread on a stack the program backed already (its
 * kernel stack is 32 fresh frames); a read into a page not yet backed
 * fails with ENOMEM. Then, still full, it serves dom0 (dom0.sh): a TCP
 * listener opened now accepts connections; "disk" reads the whole of
 * xvda into memory backed before and answers its SHA-256, which dom0
 * compares with the image's; dom0 pings the guest and writes a xenstore
 * key the kernel answers on the console; "free" unmaps the 1 GiB. After
 * munmap, a thread and a pipe work again.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#define CHECK_NAME "c-oom"
#include "../common/check.h"
#include "../common/sha256.h"

#define PAGE 4096UL
#define SIZE (1UL << 30)

static sigjmp_buf jb;
static volatile sig_atomic_t got;
static char altstack[64 * 1024];
static char thread_stack[256 * 1024]; /* backed before memory runs out */

static void *thread_main(void *arg)
{
	return arg;
}

/* A thread on thread_stack: only the kernel allocates for it. */
static int thread_on_backed_stack(void)
{
	pthread_attr_t a;
	pthread_t t;
	void *res = NULL;
	int x = 1, rc;

	pthread_attr_init(&a);
	pthread_attr_setstack(&a, thread_stack, sizeof(thread_stack));
	if ((rc = pthread_create(&t, &a, thread_main, &x)))
		return rc;
	return pthread_join(t, &res) || res != &x;
}

static void on_fault(int sig)
{
	got = sig;
	siglongjmp(jb, 1);
}

/* Handlers for SIGBUS and SIGSEGV on a stack that is backed already. */
static void catch_faults(void)
{
	stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
	struct sigaction sa;

	memset(altstack, 1, sizeof(altstack));
	memset(thread_stack, 1, sizeof(thread_stack));
	CHECK(sigaltstack(&ss, NULL) == 0, "sigaltstack");
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_fault;
	sa.sa_flags = SA_ONSTACK;
	CHECK(sigaction(SIGBUS, &sa, NULL) == 0, "SIGBUS");
	CHECK(sigaction(SIGSEGV, &sa, NULL) == 0, "SIGSEGV");
}

/* Touch pages of p until one cannot be backed; returns how many were. */
static unsigned long touch_all(volatile char *p)
{
	static volatile unsigned long n;

	n = 0;
	if (sigsetjmp(jb, 1) == 0)
		for (; n * PAGE < SIZE; n++)
			p[n * PAGE] = 1;
	return n;
}

/* Memory is full: what needs only the kernel's memory still works. */
static void while_full(char *p, unsigned long n)
{
	int f = failures, fds[2], sv[2], many[8][2], i;
	char buf[8];

	memset(many, -1, sizeof(many));
	CHECK(pipe(fds) == 0, "pipe while full");
	CHECK(write(fds[1], "abcdefgh", 8) == 8, "pipe write");
	errno = 0;
	CHECK(read(fds[0], p + (n + 16) * PAGE, 8) == -1 && errno == ENOMEM,
	      "read into a page that cannot be backed: not ENOMEM");
	CHECK(write(fds[1], "ijkl", 4) == 4 && read(fds[0], buf, 8) > 0,
	      "the pipe after the failed read");
	CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0,
	      "socketpair while full");
	close(fds[0]);
	close(fds[1]);
	close(sv[0]);
	close(sv[1]);
	CHECK((errno = thread_on_backed_stack()) == 0, "thread while full");
	for (i = 0; i < 8; i++)
		CHECK(pipe(many[i]) == 0 && write(many[i][1], buf, 8) == 8,
		      "pipe %d while full", i);
	for (i = 0; i < 8; i++) {
		close(many[i][0]);
		close(many[i][1]);
	}
	group("full", f);
}

/* xvda's SHA-256 into out, read through disk_buf (backed before). */
static char disk_buf[64 * 1024];

static int hash_disk(char out[65])
{
	struct sha256 h;
	int fd = open("/dev/xvda", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	sha256_init(&h);
	while ((n = read(fd, disk_buf, sizeof(disk_buf))) > 0)
		sha256_update(&h, disk_buf, (size_t)n);
	close(fd);
	sha256_hex(&h, out);
	return n < 0 ? -1 : 0;
}

/* One of dom0's connections: a command, an answer. Returns 1 on "free". */
static int serve_one(int c)
{
	char cmd[16] = "", hex[65], reply[96];
	ssize_t n = read(c, cmd, sizeof(cmd) - 1);
	int len;

	if (n <= 0)
		return 0;
	cmd[n] = 0;
	if (!strncmp(cmd, "disk", 4))
		len = hash_disk(hex)
			  ? snprintf(reply, sizeof(reply), "disk error %d\n",
				     errno)
			  : snprintf(reply, sizeof(reply), "disk %s\n", hex);
	else if (!strncmp(cmd, "free", 4))
		len = snprintf(reply, sizeof(reply), "freeing\n");
	else
		len = snprintf(reply, sizeof(reply), "pong\n");
	CHECK(write(c, reply, (size_t)len) == len, "reply while full");
	return !strncmp(cmd, "free", 4);
}

/* Still full: a listener made now serves dom0 until it says "free". */
static void serve_while_full(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(7)};
	int f = failures, s = socket(AF_INET, SOCK_STREAM, 0), c, done = 0;

	memset(disk_buf, 0, sizeof(disk_buf));
	CHECK(s >= 0, "socket while full");
	CHECK(bind(s, (struct sockaddr *)&a, sizeof(a)) == 0 &&
		  listen(s, 4) == 0,
	      "listen while full");
	if (s < 0)
		return;
	printf("c-oom: full, serving\n");
	while (!done && (c = accept(s, NULL, NULL)) >= 0) {
		done = serve_one(c);
		close(c);
	}
	CHECK(done, "accept while full");
	close(s);
	group("serving", f);
}

static void after_free(void)
{
	int f = failures, fds[2], x = 7;
	pthread_t t;
	void *res = NULL;

	CHECK(pthread_create(&t, NULL, thread_main, &x) == 0, "thread");
	CHECK(pthread_join(t, &res) == 0 && res == &x, "join");
	CHECK(pipe(fds) == 0, "pipe after free");
	close(fds[0]);
	close(fds[1]);
	group("freed", f);
}

/* Back the stack the rest will use now, while frames are left. */
static void __attribute__((noinline)) prefault_stack(void)
{
	volatile char deep[256 * 1024];

	memset((char *)deep, 0, sizeof(deep));
}

int main(void)
{
	unsigned long n;
	char *p;

	setvbuf(stdout, NULL, _IONBF, 0);
	prefault_stack();
	catch_faults();
	p = mmap(NULL, SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(p != MAP_FAILED, "mmap 1 GiB");
	if (p == MAP_FAILED)
		return 1;
	n = touch_all(p);
	printf("c-oom: touched %lu MiB, then signal %d\n", n * PAGE >> 20,
	       (int)got);
	while_full(p, n);
	serve_while_full();
	CHECK(munmap(p, SIZE) == 0, "munmap");
	after_free();
	printf("c-oom: %d failures\n", failures);
	return failures != 0;
}
