/* Thread-local storage: 8 pthreads and one kernel thread (made with the
 * kernel's own thread_create) each see the initial values of .tdata and
 * .tbss variables, an over-aligned one at its alignment, write their own
 * values, yield 1000 times and read them back unchanged. Every thread's
 * variables lie at their own addresses, inside the TLS block below its
 * thread pointer, and %fs:0 holds that pointer. Then the cost a switch
 * pays for TLS (the FS-base hypercall) is measured. Every check prints
 * "ok: ..." or "FAIL: ..."; the exit code is the number of failures. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NPTHREADS 8
#define NYIELDS 1000
#define NTHREADS (NPTHREADS + 2) /* the pthreads, the kernel thread, main */

/* .tdata */
static _Thread_local long v = 7;
static _Thread_local char name[16] = "template";
/* .tbss, one of them over-aligned */
static _Thread_local long zero;
static _Thread_local _Alignas(64) char line[64];
__thread int counts[4];
/* The linker script's size of every thread's TLS block. */
extern char __tls_size[];

/* The kernel's thread_create() and thread_join() are not exported to
 * apps; the test reaches them by the names the build gives them, to
 * prove that a thread made without pthreads gets TLS too. */
struct thread;
struct thread *kthread_create(const char *name, void (*fn)(void *), void *arg,
			      size_t stack) __asm__("skiff.thread_create");
int kthread_join(struct thread *t) __asm__("skiff.thread_join");
/* The FS-base load a switch between two threads with TLS makes. */
extern unsigned long arch_fs_base __asm__("skiff.arch_fs_base");
void arch_load_fs(unsigned long base) __asm__("skiff.arch_load_fs");
extern unsigned long arch_fs_loads __asm__("skiff.arch_fs_loads");

struct result {
	int fails;
	uintptr_t addr[5]; /* &v, &name, &zero, &line, &counts */
	uintptr_t tp;
	char why[96];
};
static struct result results[NTHREADS];

static int failures;

static void check(int ok, const char *what)
{
	printf("%s: %s\n", ok ? "ok" : "FAIL", what);
	failures += !ok;
}

static uintptr_t thread_pointer(void)
{
	uintptr_t tp;

	__asm__ volatile("movq %%fs:0, %0" : "=r"(tp));
	return tp;
}

static int all_zero(const char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

#define EXPECT(r, cond)                                                        \
	do {                                                                   \
		if (!(cond) && !(r)->fails++)                                  \
			snprintf((r)->why, sizeof((r)->why), "%s", #cond);     \
	} while (0)

/* The body every thread runs: index i. */
static void work(int i)
{
	struct result *r = &results[i];
	uintptr_t tp = thread_pointer(), size = (uintptr_t)__tls_size;
	long mine = 1000 + i;
	int n;

	r->tp = tp;
	r->addr[0] = (uintptr_t)&v;
	r->addr[1] = (uintptr_t)name;
	r->addr[2] = (uintptr_t)&zero;
	r->addr[3] = (uintptr_t)line;
	r->addr[4] = (uintptr_t)counts;
	/* What the thread finds first. */
	EXPECT(r, v == 7);
	EXPECT(r, !strcmp(name, "template"));
	EXPECT(r, zero == 0);
	EXPECT(r, all_zero(line, sizeof(line)));
	EXPECT(r, all_zero((char *)counts, sizeof(counts)));
	EXPECT(r, (uintptr_t)line % 64 == 0);
	/* %fs:0 is the thread pointer and the block lies just below it. */
	EXPECT(r, *(uintptr_t *)tp == tp);
	for (n = 0; n < 5; n++)
		EXPECT(r, r->addr[n] >= tp - size && r->addr[n] < tp);
	/* Its own values, which no other thread's writes may touch. */
	v = mine;
	snprintf(name, sizeof(name), "thread %d", i);
	zero = -mine;
	memset(line, 'a' + i, sizeof(line));
	counts[i % 4] = i;
	for (n = 0; n < NYIELDS; n++) {
		sched_yield();
		EXPECT(r, v == mine);
	}
	EXPECT(r, v == mine && zero == -mine);
	EXPECT(r, !strncmp(name, "thread ", 7) && name[7] == '0' + i);
	EXPECT(r, line[0] == 'a' + i && line[63] == 'a' + i);
	EXPECT(r, counts[i % 4] == i);
	EXPECT(r, thread_pointer() == tp);
}

static void *pthread_body(void *arg)
{
	work((int)(intptr_t)arg);
	return NULL;
}

static void kthread_body(void *arg)
{
	work((int)(intptr_t)arg);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static volatile int stop_spinner;

static void *spinner(void *arg)
{
	(void)arg;
	while (!stop_spinner)
		sched_yield();
	return NULL;
}

/* What TLS costs a switch: switches between two threads (each has its
 * own TCB, so every switch loads the FS base) and the FS-base hypercall
 * alone. A thread that sleeps with nothing else to run switches to the
 * idle thread and back, which loads nothing. Also whether the CPU and Xen
 * offer FSGSBASE, which would make the load an instruction instead of a
 * hypercall. */
static void measure(void)
{
	enum { N = 2000, SLEEPS = 20 };
	struct timespec ms = {0, 1000000};
	unsigned int a, b, c, d, xa, xb, xc, xd;
	unsigned long cr4, loads;
	char what[96];
	pthread_t t;
	uint64_t t0, t1, t2;
	int i;

	pthread_create(&t, NULL, spinner, NULL);
	sched_yield();
	loads = arch_fs_loads;
	t0 = now_ns();
	for (i = 0; i < N; i++)
		sched_yield(); /* two switches each */
	t1 = now_ns();
	loads = arch_fs_loads - loads;
	stop_spinner = 1;
	pthread_join(t, NULL);
	snprintf(what, sizeof(what), "%d switches, %lu FS-base loads", 2 * N,
		 loads);
	check(loads >= 2 * N, what);
	t1 = now_ns();
	for (i = 0; i < N; i++)
		arch_load_fs(arch_fs_base);
	t2 = now_ns();
	printf("tls: switch %llu ns, FS-base hypercall %llu ns\n",
	       (unsigned long long)((t1 - t0) / (2 * N)),
	       (unsigned long long)((t2 - t1) / N));
	loads = arch_fs_loads;
	for (i = 0; i < SLEEPS; i++)
		nanosleep(&ms, NULL);
	loads = arch_fs_loads - loads;
	/* 0 unless another thread (xenstore, say) happened to wake. */
	snprintf(what, sizeof(what),
		 "%d sleeps through the idle thread, %lu FS-base loads", SLEEPS,
		 loads);
	check(loads < SLEEPS, what);
	__asm__ volatile("cpuid"
			 : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			 : "a"(7), "c"(0));
	/* Xen's forced-emulation prefix: the CPUID a PV guest's policy
	 * gives. */
	__asm__ volatile("ud2a; .ascii \"xen\"; cpuid"
			 : "=a"(xa), "=b"(xb), "=c"(xc), "=d"(xd)
			 : "a"(7), "c"(0));
	__asm__ volatile("movq %%cr4, %0" : "=r"(cr4));
	printf("tls: fsgsbase cpuid %u, xen cpuid %u, cr4 %lu\n", b & 1, xb & 1,
	       (cr4 >> 16) & 1);
	(void)a, (void)c, (void)d, (void)xa, (void)xc, (void)xd;
}

int main(void)
{
	pthread_t t[NPTHREADS];
	struct thread *kt;
	char what[160];
	int i, j, k, overlap = 0;

	printf("tls: block %lu bytes\n", (unsigned long)(uintptr_t)__tls_size);
	check(v == 7 && zero == 0, "main sees the initial values");
	for (i = 0; i < NPTHREADS; i++)
		if (pthread_create(&t[i], NULL, pthread_body,
				   (void *)(intptr_t)i))
			check(0, "pthread_create");
	kt = kthread_create("tls-kernel", kthread_body,
			    (void *)(intptr_t)NPTHREADS, 0);
	check(kt != NULL, "kernel thread created");
	/* main is a thread too, and yields alongside the others. */
	work(NPTHREADS + 1);
	for (i = 0; i < NPTHREADS; i++)
		pthread_join(t[i], NULL);
	if (kt)
		kthread_join(kt);
	for (i = 0; i < NTHREADS; i++) {
		struct result *r = &results[i];

		snprintf(what, sizeof(what), "%s %d: %s%s",
			 i < NPTHREADS	  ? "pthread"
			 : i == NPTHREADS ? "kernel thread"
					  : "main",
			 i, r->fails ? "failed " : "own values kept", r->why);
		check(!r->fails, what);
	}
	/* No two threads share a variable (or a thread pointer). */
	for (i = 0; i < NTHREADS; i++)
		for (j = i + 1; j < NTHREADS; j++) {
			overlap += results[i].tp == results[j].tp;
			for (k = 0; k < 5; k++)
				overlap +=
				    results[i].addr[k] == results[j].addr[k];
		}
	check(!overlap, "every thread's variables at its own addresses");
	measure();
	printf("tls: %d failures\n", failures);
	return failures;
}
