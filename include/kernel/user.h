/*
 * PV user mode: running code in ring 3 of the lower half (Xen's
 * FLAT_USER_CS/SS, its own top-level page table) and getting its system
 * calls and faults back into the kernel. This is what a Linux system-call
 * shim (runtime/linux/) is built on; docs/usermode.md says how it works.
 *
 * A thread with user state is an ordinary Skiff thread that called
 * user_enter(). From then on its user registers live in a struct user_regs
 * at the top of its own kernel stack, with a 512-byte fxsave area below;
 * every entry from user mode (system call, fault, event upcall) lands
 * there, because the scheduler gives Xen that thread's stack top whenever
 * it switches the thread in.
 */
#ifndef KERNEL_USER_H
#define KERNEL_USER_H

#include <kernel/types.h>

/* The lower half as user code maps it: [USER_VA_MIN, USER_VA_END). The
 * 64 KiB above, up to the end of the lower half, hold the kernel's own
 * user pages: the vDSO at USER_VDSO_BASE (<kernel/uvm.h>). */
#define USER_VA_MIN 0x10000UL
#define USER_VA_END 0x7fffffff0000UL
#define USER_VDSO_BASE USER_VA_END

/* r->vector of a system-call entry (exceptions have their x86 vector). */
#define USER_VECTOR_SYSCALL 256UL
/* r->vector of an event upcall that interrupted user mode (handled by the
 * kernel; never seen by the handlers). */
#define USER_VECTOR_UPCALL 257UL

/*
 * The user register state, lowest address first. The entry code builds it
 * in place at the top of the thread's kernel stack: the last five words are
 * the iret frame Xen pushed. Assembly depends on this layout (pinned by
 * _Static_asserts in arch/x86_64/user.c); add nothing in between.
 *
 * System calls follow the Linux x86-64 convention: the number in rax,
 * arguments in rdi rsi rdx r10 r8 r9, the result (or a negative errno)
 * back in rax; rcx and r11 hold the return rip and rflags, as after the
 * syscall instruction.
 */
struct user_regs {
	uint64_t fs_base; /* user FS base (arch_prctl ARCH_SET_FS) */
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector; /* USER_VECTOR_SYSCALL or the exception vector */
	uint64_t error;	 /* exception error code; 0 for a system call */
	uint64_t rip, cs, rflags, rsp, ss;
};

/*
 * System calls. The handler runs in thread context on the calling
 * thread's kernel stack, with events enabled, so it may block, switch
 * threads, allocate and use SSE (the user's FPU/SSE state is saved around
 * it). FS holds the user's base while it runs (the split-stack checks read
 * GS), or in an image with thread-local variables the thread's own TCB. It reads the number in r->rax and the arguments in
 * r->rdi, rsi, rdx, r10, r8, r9 and stores the result in r->rax. It may
 * change any other field too (a clone child's rip/rsp, say) or never return
 * (exit). cs, ss and the IF/IOPL bits of rflags are forced back to user
 * values on return; a non-canonical rip or rsp is reported as a fault.
 * Without a handler every system call returns -ENOSYS (-38).
 */
typedef void (*user_syscall_fn)(struct user_regs *r);
void user_set_syscall_handler(user_syscall_fn fn);

/*
 * Start running user code in the calling thread with the registers *r
 * (r->cs, ss, vector and error are ignored; fs_base is loaded; FPU/SSE
 * state starts at the defaults FCW 0x37f, MXCSR 0x1f80). Used for the
 * first user thread and for clone children: a thread made with
 * thread_create() whose function calls user_enter(). The caller's stack
 * frames are abandoned; *r may live in them. The user address space must
 * be set up with uvm (<kernel/uvm.h>). Never returns.
 */
void user_enter(const struct user_regs *r) __noreturn;

/* The running thread's user registers, valid inside a system-call or
 * fault handler; NULL if the thread never entered user mode. */
struct user_regs *user_regs_current(void);

/* Set the FS base the current thread's user code runs with (loaded on
 * the next return to user mode; arch_prctl ARCH_SET_FS). Same as writing
 * user_regs_current()->fs_base. 0, or -EPERM for an address outside the
 * lower half (as Linux). */
int user_set_fs_base(uint64_t base);

/* True if thread t has entered user mode (it has user state). */
struct thread;
bool user_thread_has_state(const struct thread *t);

/*
 * Faults. A fault in user mode first goes to uvm (demand paging); one it
 * cannot resolve goes to the fault handler, in thread context like a
 * system call. The handler returns true to resume user
 * mode with *r (it changed r so that the fault does not repeat), or false
 * to have the default report printed and the domain crashed; it may also
 * not return (print its own report and crash).
 */
struct user_fault {
	uint64_t vector; /* x86 exception vector, 14 for a page fault */
	uint64_t error;	 /* the error code (0 if the vector has none) */
	uint64_t addr;	 /* page fault: the faulting address (cr2) */
};
typedef bool (*user_fault_fn)(struct user_regs *r, const struct user_fault *f);
void user_set_fault_handler(user_fault_fn fn);

/* The default report: what happened (exception name, faulting address and
 * access), rip (symbolized when a symbolizer is set), every register, the
 * thread. Prints only; the caller decides what follows. */
void user_fault_report(const struct user_regs *r, const struct user_fault *f);

/* Optional symbolizer for user addresses (the runtime can look them up in
 * the embedded ELF's symbol table): writes "name+0xoff" into buf (size n)
 * and returns true, or returns false when addr is unknown. */
typedef bool (*user_symbolize_fn)(uint64_t addr, char *buf, size_t n);
void user_set_symbolizer(user_symbolize_fn fn);

/*
 * Work on the way back to user mode (signal delivery). Whenever a thread
 * is about to return to user mode (after a system call, a fault, or an
 * event upcall that interrupted it) with its user_work flag set
 * (thread_interrupt(), <kernel/sched.h>), fn(r) runs first, in thread
 * context like a system-call handler. It may rewrite *r (a signal frame)
 * or not return, and clears t->user_work when nothing is left to do; it
 * is called again as long as the flag stays set.
 */
typedef void (*user_work_fn)(struct user_regs *r);
void user_set_work_handler(user_work_fn fn);

/* The user's x87/SSE state of a thread inside the kernel, in fxsave
 * format (USER_FPU_STATE_SIZE bytes, 16-byte aligned), next to its
 * registers r; restored on the return to user mode. */
#define USER_FPU_STATE_SIZE 512
void *user_fpu_state(struct user_regs *r);

/* Counters since boot, for tests and benchmarks. */
struct user_stats {
	uint64_t syscalls;	  /* system calls dispatched */
	uint64_t faults_paged;	  /* user page faults resolved by uvm */
	uint64_t faults_reported; /* faults passed to the fault handler */
	uint64_t upcalls_in_user; /* event upcalls that interrupted user mode */
};
void user_stats(struct user_stats *s);

/*
 * Access to user memory from kernel or runtime code. The kernel maps the
 * lower half too: user_access_ok() says whether [addr, addr+len) lies in
 * user mappings that allow the access (write: writable; else readable).
 * Touching checked memory directly is safe only until the caller next
 * blocks (another thread may unmap it meanwhile) and only while frames
 * are left for demand paging; anything that touches user memory after
 * it may have blocked, or that moves more than a few words, uses the
 * copy helpers. They check, then copy with fault fix-ups (the x86
 * exception table), so a page that is gone or cannot be backed fails
 * the one call instead of the domain:
 * - user_copy_from()/user_copy_to(): 0, -EFAULT, or -ENOMEM when no
 *   frame was free to back a page (partial copies count as failed);
 * - the _some variants: the bytes copied (len, or fewer when the range
 *   stopped being accessible part way), or -EFAULT/-ENOMEM when none
 *   were, for calls that return what they moved (Linux's read).
 * The copies refuse up front only a range outside the user half
 * (user_range_ok(), or one that starts below USER_VA_MIN); the pages
 * themselves are tried one by one, so a range whose end is not mapped
 * copies what is before it, as Linux's copies do. A copy of no bytes
 * succeeds whatever the address, as Linux's.
 * Call them with no kernel lock held that a fault would leave behind:
 * a fault only returns early from the copy.
 */
bool user_access_ok(uint64_t addr, size_t len, bool write);
/* Linux's access_ok(): [addr, addr+len) lies below USER_VA_END without
 * wrapping (len 0: addr may be anything up to USER_VA_END, NULL too).
 * Says nothing of mappings: the check a system call makes after its fd
 * and length checks and before it moves data. */
bool user_range_ok(uint64_t addr, size_t len);
int user_copy_from(void *dst, uint64_t usrc, size_t len);
int user_copy_to(uint64_t udst, const void *src, size_t len);
long user_copy_from_some(void *dst, uint64_t usrc, size_t len);
long user_copy_to_some(uint64_t udst, const void *src, size_t len);

#endif
