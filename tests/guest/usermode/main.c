/*
 * PV user mode from the outside: a small position-independent program
 * (user_prog below) is copied into a page of the lower half and run in
 * ring 3 by two threads. Its system calls arrive at handle() here, which
 * prints what it saw. The program checks that arguments and results pass,
 * that every register but rax/rcx/r11 and the SSE registers survive a
 * system call during which other threads ran SSE code, that a system call
 * can set its FS base, that a committed region is backed page by page on
 * touch, and that two user threads take turns, each with its own FS base.
 * Event upcalls that arrive while user code spins must leave all its
 * registers alone. Then it gives user mode a GS base of its own, whose
 * word at 0x70 would make any split-stack check in the kernel report an
 * overflow (the kernel's checks read its own GS base, which Xen swaps
 * in), and times 20000 system calls that do nothing, counting the FS-base
 * loads they cost. It ends with system call 60 and code 7, which dom0
 * must see; any failed check exits with another code (10..19).
 */
#include <kernel/user.h>
#include <kernel/uvm.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CODE_VA 0x400000UL
#define STACK_SIZE (64UL * 1024)
#define STACK_A_TOP 0x7ff000000000UL
#define STACK_B_TOP (STACK_A_TOP - 2 * STACK_SIZE)
#define TLS_VA 0x600000UL /* three pages: A's first, A's second, B's */
#define RESERVE_LEN (1UL << 20)
#define COMMIT_LEN (64UL * 1024)

/* The user program. Entry user_main: rdi committed region, rsi A's second
 * TLS page, rdx the word expected at %fs:0 there, r8 thread B's entry,
 * r9 B's stack top, r10 B's TLS page. */
__asm__(".pushsection .text.userprog, \"ax\"\n"
	"user_prog_start:\n"
	"user_main:\n"
	"	mov %rdi, %r12\n"
	"	mov %rsi, %r13\n"
	"	mov %rdx, %r14\n"
	"	mov %r8, %r15\n"
	"	push %r9\n"
	"	push %r10\n"
	/* 1: arguments in, result out. */
	"	mov $1, %edi\n"
	"	mov $2, %esi\n"
	"	mov $3, %edx\n"
	"	mov $4, %r10d\n"
	"	mov $5, %r8d\n"
	"	mov $6, %r9d\n"
	"	mov $1, %eax\n"
	"	syscall\n"
	"	mov $11, %edi\n"
	"	cmp $21, %rax\n"
	"	jne fail\n"
	/* 2: registers across a system call that switches threads. */
	"	push %r12\n"
	"	push %r13\n"
	"	push %r14\n"
	"	push %r15\n"
	"	call set_patterns\n"
	"	mov $2, %eax\n"
	"	syscall\n"
	"	call check_patterns\n"
	"	pop %r15\n"
	"	pop %r14\n"
	"	pop %r13\n"
	"	pop %r12\n"
	/* 3: FS base set by a system call, read back through %fs. */
	"	mov %r13, %rdi\n"
	"	mov $3, %eax\n"
	"	syscall\n"
	"	mov %fs:0, %rax\n"
	"	mov $13, %edi\n"
	"	cmp %r14, %rax\n"
	"	jne fail\n"
	/* 4: demand paging: four pages written, one read (zeros). */
	"	xor %edi, %edi\n"
	"	mov $4, %eax\n"
	"	syscall\n"
	"	movq $1, 0(%r12)\n"
	"	movq $2, 0x3000(%r12)\n"
	"	movq $3, 0x7000(%r12)\n"
	"	movq $4, 0xf000(%r12)\n"
	"	mov 0x8000(%r12), %rax\n"
	"	mov $14, %edi\n"
	"	test %rax, %rax\n"
	"	jne fail\n"
	"	mov $15, %edi\n"
	"	cmpq $3, 0x7000(%r12)\n"
	"	jne fail\n"
	"	mov $1, %edi\n"
	"	mov $4, %eax\n"
	"	syscall\n"
	"	mov $16, %edi\n"
	"	cmp $5, %rax\n"
	"	jne fail\n"
	/* 5: thread B, then both alternate through the yield call. */
	"	pop %rdx\n"
	"	pop %rsi\n"
	"	mov %r15, %rdi\n"
	"	mov $8, %eax\n"
	"	syscall\n"
	"	mov $17, %edi\n"
	"	test %rax, %rax\n"
	"	jne fail\n"
	"	call alternate\n"
	"	mov $10, %eax\n"
	"	syscall\n"
	/* 6: event upcalls that interrupt user mode preserve it. Each
	 * round prints (the console backend answers with an event later)
	 * and spins with known registers; until one upcall came in. */
	"	xor %edi, %edi\n"
	"	mov $13, %eax\n"
	"	syscall\n"
	"	push $200\n"
	"3:	mov $1, %edi\n"
	"	mov $13, %eax\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 5f\n"
	"	call set_patterns\n"
	"	mov $2000000, %ecx\n"
	"4:	dec %ecx\n"
	"	jnz 4b\n"
	"	call check_patterns\n"
	"	decq (%rsp)\n"
	"	jnz 3b\n"
	"	mov $12, %edi\n"
	"	jmp fail\n"
	"5:	pop %rax\n"
	"	mov $2, %edi\n"
	"	mov $13, %eax\n"
	"	syscall\n"
	/* 7: a user GS base, read back through %gs; then the cost of a
	 * system call that does nothing. */
	"	mov $14, %eax\n"
	"	syscall\n"
	"	mov %gs:8, %rax\n"
	"	mov $10, %edi\n"
	"	cmp $0xbbbb, %rax\n"
	"	jne fail\n"
	"	xor %edi, %edi\n"
	"	mov $12, %eax\n"
	"	syscall\n"
	"	mov $20000, %ebx\n"
	"2:	mov $11, %eax\n"
	"	syscall\n"
	"	dec %ebx\n"
	"	jnz 2b\n"
	"	mov $20000, %edi\n"
	"	mov $12, %eax\n"
	"	syscall\n"
	"	mov $7, %edi\n"
	"fail:\n"
	"	mov $60, %eax\n"
	"	syscall\n"
	"	ud2\n"
	"regs_bad:\n"
	"	mov $18, %edi\n"
	"	jmp fail\n"
	"sse_bad:\n"
	"	mov $19, %edi\n"
	"	jmp fail\n"
	/* Three rounds: say the word at %fs:8, yield. */
	"alternate:\n"
	"	mov $3, %ebx\n"
	"1:	mov %fs:8, %rdi\n"
	"	mov $7, %eax\n"
	"	syscall\n"
	"	mov $5, %eax\n"
	"	syscall\n"
	"	dec %ebx\n"
	"	jnz 1b\n"
	"	ret\n"
	/* Distinct values in every register a system call or an upcall
	 * must preserve (all but rax, rcx, r11), SSE included. */
	"set_patterns:\n"
	"	movabs $0x1111111111111111, %rbx\n"
	"	movabs $0x2222222222222222, %rbp\n"
	"	movabs $0x3333333333333333, %r12\n"
	"	movabs $0x4444444444444444, %r13\n"
	"	movabs $0x5555555555555555, %r14\n"
	"	movabs $0x6666666666666666, %r15\n"
	"	movabs $0x7777777777777777, %rdi\n"
	"	movabs $0x8888888888888888, %rsi\n"
	"	movabs $0x9999999999999999, %rdx\n"
	"	movabs $0xaaaaaaaaaaaaaaaa, %r8\n"
	"	movabs $0xbbbbbbbbbbbbbbbb, %r9\n"
	"	movabs $0xcccccccccccccccc, %r10\n"
	"	movq %rbx, %xmm0\n"
	"	movq %rbp, %xmm7\n"
	"	movq %r12, %xmm15\n"
	"	ret\n"
	/* Jump to regs_bad / sse_bad unless they are all still there;
	 * clobbers rax and rcx. */
	"check_patterns:\n"
	"	movabs $0x1111111111111111, %rax\n"
	"	cmp %rax, %rbx\n"
	"	jne regs_bad\n"
	"	movq %xmm0, %rcx\n"
	"	cmp %rax, %rcx\n"
	"	jne sse_bad\n"
	"	movabs $0x2222222222222222, %rax\n"
	"	cmp %rax, %rbp\n"
	"	jne regs_bad\n"
	"	movq %xmm7, %rcx\n"
	"	cmp %rax, %rcx\n"
	"	jne sse_bad\n"
	"	movabs $0x3333333333333333, %rax\n"
	"	cmp %rax, %r12\n"
	"	jne regs_bad\n"
	"	movq %xmm15, %rcx\n"
	"	cmp %rax, %rcx\n"
	"	jne sse_bad\n"
	"	movabs $0x4444444444444444, %rax\n"
	"	cmp %rax, %r13\n"
	"	jne regs_bad\n"
	"	movabs $0x5555555555555555, %rax\n"
	"	cmp %rax, %r14\n"
	"	jne regs_bad\n"
	"	movabs $0x6666666666666666, %rax\n"
	"	cmp %rax, %r15\n"
	"	jne regs_bad\n"
	"	movabs $0x7777777777777777, %rax\n"
	"	cmp %rax, %rdi\n"
	"	jne regs_bad\n"
	"	movabs $0x8888888888888888, %rax\n"
	"	cmp %rax, %rsi\n"
	"	jne regs_bad\n"
	"	movabs $0x9999999999999999, %rax\n"
	"	cmp %rax, %rdx\n"
	"	jne regs_bad\n"
	"	movabs $0xaaaaaaaaaaaaaaaa, %rax\n"
	"	cmp %rax, %r8\n"
	"	jne regs_bad\n"
	"	movabs $0xbbbbbbbbbbbbbbbb, %rax\n"
	"	cmp %rax, %r9\n"
	"	jne regs_bad\n"
	"	movabs $0xcccccccccccccccc, %rax\n"
	"	cmp %rax, %r10\n"
	"	jne regs_bad\n"
	"	ret\n"
	"user_thread_b:\n"
	"	call alternate\n"
	"	mov $9, %eax\n"
	"	syscall\n"
	"	ud2\n"
	"user_prog_end:\n"
	".popsection\n");

extern const char user_prog_start[], user_main[], user_thread_b[],
    user_prog_end[];

static pthread_t thread_b;
static struct uvm_stats before;

static unsigned long prog_va(const char *label)
{
	return CODE_VA + (unsigned long)(label - user_prog_start);
}

/* SSE work in another thread while a system call waits. */
static void *fp_helper(void *arg)
{
	volatile double x = *(double *)arg;
	int i;

	for (i = 0; i < 1000; i++) {
		x = x * 1.0001 + 0.25;
		if (i % 100 == 0)
			sched_yield();
	}
	*(double *)arg = x;
	return NULL;
}

static long sys_switch(void)
{
	volatile double mine = 3.0;
	double theirs = 2.0;
	pthread_t h;
	int i;

	if (pthread_create(&h, NULL, fp_helper, &theirs))
		return -1;
	for (i = 0; i < 500; i++) {
		mine = mine * 0.999 + 1.0;
		if (i % 50 == 0)
			sched_yield();
	}
	pthread_join(h, NULL);
	printf("sys 2: switched threads, sse %d %d\n", (int)mine, (int)theirs);
	return 0;
}

static long sys_stats(unsigned long phase)
{
	struct uvm_stats now;

	uvm_stats(&now);
	if (!phase) {
		before = now;
		return 0;
	}
	printf("demand paging: %lu pages backed by touching (%lu before)\n",
	       now.pages_backed - before.pages_backed, before.pages_backed);
	return (long)(now.pages_backed - before.pages_backed);
}

/* Phase 0 notes the upcall count, 1 prints a line and returns how many
 * upcalls hit user mode since, 2 reports. */
static long sys_upcalls(unsigned long phase)
{
	static uint64_t base;
	struct user_stats s;

	user_stats(&s);
	if (phase == 0)
		base = s.upcalls_in_user;
	else if (phase == 1)
		printf("spinning in user mode until an upcall comes\n");
	else
		printf("upcalls in user mode: %lu, registers intact\n",
		       (unsigned long)(s.upcalls_in_user - base));
	return (long)(s.upcalls_in_user - base);
}

/* FS-base loads since boot (arch/x86_64/tls.c), by the name the build
 * gives the kernel's variable. */
extern unsigned long arch_fs_loads __asm__("skiff.arch_fs_loads");

static long elapsed_ns(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (t1.tv_sec - t0->tv_sec) * 1000000000L +
	       (t1.tv_nsec - t0->tv_nsec);
}

/* What the pieces a system call might pay for cost here, for comparing
 * with it: rdtsc (which Xen may trap and emulate) and the fxsave/fxrstor
 * pair of the entry and return paths. */
static void print_piece_costs(void)
{
	static char fx[512] __attribute__((aligned(16)));
	enum { N = 2000 };
	struct timespec t0;
	unsigned int lo, hi;
	long tsc_ns, fx_ns;
	int i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < N; i++)
		__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	tsc_ns = elapsed_ns(&t0) / N;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < N; i++)
		__asm__ volatile("fxsave64 %0\n\tfxrstor64 %0" : "+m"(fx));
	fx_ns = elapsed_ns(&t0) / N;
	printf("for comparison: rdtsc %ld ns, fxsave+fxrstor %ld ns\n", tsc_ns,
	       fx_ns);
}

/* Phase 0 starts the clock; phase n > 0 prints the time per call of the
 * n calls since, and the FS-base loads they made. */
static long sys_timer(unsigned long n)
{
	static struct timespec t0;
	static unsigned long loads;
	long ns;

	if (!n) {
		loads = arch_fs_loads;
		return clock_gettime(CLOCK_MONOTONIC, &t0);
	}
	ns = elapsed_ns(&t0);
	loads = arch_fs_loads - loads;
	printf("null system call: %lu calls, %ld ns each, %lu FS-base loads\n",
	       n, ns / (long)n, loads);
	print_piece_costs();
	return 0;
}

/* User mode's GS base := B's TLS page (%gs:8 is 0xbbbb there), set with
 * Xen's hypercall (SEGBASE_GS_USER, through the hypercall page). The
 * page's word at 0x70 is all ones: a split-stack check that read user
 * mode's GS base would see every stack overflow. */
static long sys_user_gs(void)
{
	register unsigned long which __asm__("rdi") = 1; /* SEGBASE_GS_USER */
	register unsigned long base __asm__("rsi") = TLS_VA + 2 * PAGE_SIZE;
	long rc;

	((uint64_t *)base)[0x70 / 8] = ~0UL;
	__asm__ volatile("call hypercall_page + 25 * 32" /* set_segment_base */
			 : "=a"(rc), "+r"(which), "+r"(base)
			 :
			 : "rcx", "rdx", "r8", "r9", "r10", "r11", "memory");
	printf("sys 14: user gs base %lx: %ld\n", TLS_VA + 2 * PAGE_SIZE, rc);
	return rc;
}

static void *enter_user(void *arg)
{
	user_enter(arg);
}

static long sys_start_b(const struct user_regs *r)
{
	static struct user_regs b;

	memset(&b, 0, sizeof(b));
	b.rip = r->rdi;
	b.rsp = r->rsi;
	b.fs_base = r->rdx;
	return pthread_create(&thread_b, NULL, enter_user, &b);
}

static void handle(struct user_regs *r)
{
	bool is_b = pthread_equal(pthread_self(), thread_b);

	switch (r->rax) {
	case 1:
		printf("sys 1 args %lu %lu %lu %lu %lu %lu\n", r->rdi, r->rsi,
		       r->rdx, r->r10, r->r8, r->r9);
		r->rax = r->rdi + r->rsi + r->rdx + r->r10 + r->r8 + r->r9;
		break;
	case 2:
		r->rax = (uint64_t)sys_switch();
		break;
	case 3:
		r->rax = (uint64_t)(long)user_set_fs_base(r->rdi);
		printf("sys 3: fs base %lx\n", r->rdi);
		break;
	case 4:
		r->rax = (uint64_t)sys_stats(r->rdi);
		break;
	case 5:
		sched_yield();
		r->rax = 0;
		break;
	case 7:
		printf("user thread %c fs value %lx\n", is_b ? 'B' : 'A',
		       r->rdi);
		r->rax = 0;
		break;
	case 8:
		r->rax = (uint64_t)sys_start_b(r);
		break;
	case 9:
		printf("user thread B done\n");
		pthread_exit(NULL);
	case 10:
		r->rax = (uint64_t)pthread_join(thread_b, NULL);
		break;
	case 11:
		r->rax = 0;
		break;
	case 12:
		r->rax = (uint64_t)sys_timer(r->rdi);
		break;
	case 13:
		r->rax = (uint64_t)sys_upcalls(r->rdi);
		break;
	case 14:
		r->rax = (uint64_t)sys_user_gs();
		break;
	case 60:
		printf("user exit %lu\n", r->rdi);
		exit((int)r->rdi);
	default:
		r->rax = (uint64_t)-38;
	}
}

static unsigned long map_or_die(unsigned long va, unsigned long len, int prot,
				int flags)
{
	unsigned long got;
	int rc = uvm_map(va, len, prot, flags, &got);

	if (rc) {
		printf("uvm_map %lx: %d\n", va, rc);
		exit(1);
	}
	return got;
}

int main(void)
{
	static struct user_regs a;
	uint64_t *tls = (uint64_t *)TLS_VA;
	unsigned long reserve,
	    len = (unsigned long)(user_prog_end - user_prog_start);
	struct uvm_stats s0, s1;
	pthread_t ta;

	user_set_syscall_handler(handle);
	map_or_die(CODE_VA, len, UVM_PROT_READ | UVM_PROT_WRITE, UVM_MAP_FIXED);
	memcpy((void *)CODE_VA, user_prog_start, len);
	uvm_protect(CODE_VA, PAGE_SIZE, UVM_PROT_READ | UVM_PROT_EXEC);
	map_or_die(STACK_A_TOP - STACK_SIZE, STACK_SIZE,
		   UVM_PROT_READ | UVM_PROT_WRITE, UVM_MAP_FIXED);
	map_or_die(STACK_B_TOP - STACK_SIZE, STACK_SIZE,
		   UVM_PROT_READ | UVM_PROT_WRITE, UVM_MAP_FIXED);
	map_or_die(TLS_VA, 3 * PAGE_SIZE, UVM_PROT_READ | UVM_PROT_WRITE,
		   UVM_MAP_FIXED);
	tls[1] = 0xa1;		/* A's first FS page: %fs:8 */
	tls[512] = 0x5eed5eed;	/* A's second: %fs:0 */
	tls[513] = 0xaaaa;	/* %fs:8 */
	tls[1024 + 1] = 0xbbbb; /* B's: %fs:8 */

	uvm_stats(&s0);
	reserve = map_or_die(0, RESERVE_LEN, 0, 0);
	uvm_protect(reserve, COMMIT_LEN, UVM_PROT_READ | UVM_PROT_WRITE);
	uvm_stats(&s1);
	printf("reserved %lu KiB at %lx, committed %lu KiB: %lu pages backed "
	       "by that\n",
	       RESERVE_LEN >> 10, reserve, COMMIT_LEN >> 10,
	       s1.pages_backed - s0.pages_backed);

	a.rip = prog_va(user_main);
	a.rsp = STACK_A_TOP;
	a.fs_base = TLS_VA;
	a.rdi = reserve;
	a.rsi = TLS_VA + PAGE_SIZE;
	a.rdx = 0x5eed5eed;
	a.r8 = prog_va(user_thread_b);
	a.r9 = STACK_B_TOP;
	a.r10 = TLS_VA + 2 * PAGE_SIZE;
	printf("entering user mode at %lx\n", a.rip);
	if (pthread_create(&ta, NULL, enter_user, &a))
		return 1;
	pthread_join(ta, NULL);
	printf("not reached: user thread A returned\n");
	return 1;
}
