/*
 * Linux's x86-64 signal ABI as data, for the signal code of the shim
 * (signal.c): the structures a handler sees (siginfo, ucontext, the
 * kernel's rt_sigframe), building a frame and reading one back for
 * rt_sigreturn, the default action of each signal, which pending signal
 * goes first, and which signal a CPU exception becomes. Pure functions
 * over memory, so that the host tests (tests/host/test_sigframe.c) check
 * the layout against Linux's offsets and the rules case by case.
 */
#ifndef RUNTIME_LINUX_SIGFRAME_H
#define RUNTIME_LINUX_SIGFRAME_H

#include <stddef.h>
#include <stdint.h>

#include <kernel/user.h>

#define L_NSIG 64
#define L_SIGBIT(sig) (1ull << ((sig)-1))

enum {
	L_SIGHUP = 1,
	L_SIGINT = 2,
	L_SIGQUIT = 3,
	L_SIGILL = 4,
	L_SIGTRAP = 5,
	L_SIGABRT = 6,
	L_SIGBUS = 7,
	L_SIGFPE = 8,
	L_SIGKILL = 9,
	L_SIGUSR1 = 10,
	L_SIGSEGV = 11,
	L_SIGUSR2 = 12,
	L_SIGPIPE = 13,
	L_SIGALRM = 14,
	L_SIGTERM = 15,
	L_SIGCHLD = 17,
	L_SIGCONT = 18,
	L_SIGSTOP = 19,
	L_SIGTSTP = 20,
	L_SIGTTIN = 21,
	L_SIGTTOU = 22,
	L_SIGURG = 23,
	L_SIGXCPU = 24,
	L_SIGXFSZ = 25,
	L_SIGWINCH = 28,
	L_SIGSYS = 31,
};

/* sigaction flags and handler values. */
#define L_SA_SIGINFO 0x4ull
#define L_SA_ONSTACK 0x08000000ull
#define L_SA_RESTART 0x10000000ull
#define L_SA_NODEFER 0x40000000ull
#define L_SA_RESETHAND 0x80000000ull
#define L_SA_RESTORER 0x04000000ull
#define L_SIG_DFL 0ull
#define L_SIG_IGN 1ull

/* si_code values. */
#define L_SI_USER 0
#define L_SI_KERNEL 0x80
#define L_SI_TKILL (-6)
#define L_SI_QUEUE (-1)
#define L_SI_TIMER (-2)
#define L_SEGV_MAPERR 1
#define L_SEGV_ACCERR 2
#define L_BUS_ADRALN 1
#define L_BUS_ADRERR 2
#define L_ILL_ILLOPN 2
#define L_FPE_INTDIV 1
#define L_FPE_FLTDIV 3
#define L_FPE_FLTOVF 4
#define L_FPE_FLTUND 5
#define L_FPE_FLTRES 6
#define L_FPE_FLTINV 7
#define L_TRAP_BRKPT 1

/* sigaltstack */
#define L_SS_ONSTACK 1
#define L_SS_DISABLE 2
#define L_MINSIGSTKSZ 2048

/* struct sigaction as rt_sigaction takes it (8-byte mask). */
struct l_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

struct l_stack {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t pad;
	uint64_t ss_size;
};

/* 128 bytes; the union's members this shim fills. */
struct l_siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t pad0;
	union {
		struct {
			int32_t pid;
			uint32_t uid;
			uint64_t value; /* sigqueue's sigval */
		} kill;
		struct {
			uint64_t addr;
		} fault;
		struct { /* SIGCHLD */
			int32_t pid;
			uint32_t uid;
			int32_t status;
			int32_t pad;
			int64_t utime, stime;
		} child;
		uint8_t bytes[112];
	} u;
};

/* struct sigcontext (uc_mcontext): the general registers. */
struct l_sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* user address of the fxsave image, or 0 */
	uint64_t reserved1[8];
};

struct l_ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct l_stack uc_stack;
	struct l_sigcontext uc_mcontext;
	uint64_t uc_sigmask;
};

/* What rt_sigreturn finds at the stack pointer minus 8. */
struct l_rt_sigframe {
	uint64_t pretcode; /* the restorer: the handler's return address */
	struct l_ucontext uc;
	struct l_siginfo info;
};

#define L_UC_SIGCONTEXT_SS 0x2
#define L_UC_STRICT_RESTORE_SS 0x4
#define L_FPSTATE_SIZE USER_FPU_STATE_SIZE
/* Largest frame sigframe_build() writes: the fxsave image (64-byte
 * aligned), the frame (16-byte aligned, minus 8) and the slack. */
#define L_SIGFRAME_MAX (sizeof(struct l_rt_sigframe) + L_FPSTATE_SIZE + 64 + 16)

/* What a frame is built from. */
struct sigframe_in {
	const struct user_regs *r; /* the interrupted registers */
	const void *fpu;	   /* their fxsave image (512 bytes) */
	uint64_t top;		   /* stack top to build below */
	int sig;
	const struct l_siginfo *info;
	const struct l_sigaction *act;
	uint64_t oldmask;	 /* restored by rt_sigreturn */
	struct l_stack altstack; /* the thread's, as sigaltstack reports */
	uint64_t trapno, err, cr2;
};

/* Where the frame went: [sp, sp + len) holds it, buf's copy of it. */
struct sigframe_out {
	uint64_t sp;	  /* the handler's rsp: the frame's pretcode */
	uint64_t uc;	  /* address of the ucontext (third argument) */
	uint64_t info;	  /* address of the siginfo (second argument) */
	uint64_t fpstate; /* address of the fxsave image */
	size_t len;
};

/* Lay out the frame below in->top into buf (at least L_SIGFRAME_MAX
 * bytes), as Linux does: the fxsave image 64-byte aligned at the top,
 * the rt_sigframe below it with the handler's rsp 8 below a 16-byte
 * boundary (as after a call). Returns 0, or -EFAULT if top is too low. */
int sigframe_build(const struct sigframe_in *in, uint8_t *buf,
		   struct sigframe_out *out);

/* The registers handler entry needs: rip, rsp, rdi/rsi/rdx, rax 0 (no
 * vector registers used), DF and TF clear. */
void sigframe_enter(struct user_regs *r, const struct sigframe_out *f, int sig,
		    uint64_t handler);

/* rt_sigreturn: the registers of uc back into r (the flags the user may
 * change only; cs, ss and IF are the return path's). */
void sigframe_restore(struct user_regs *r, const struct l_ucontext *uc);

/* Make an fxsave image from the user safe to fxrstor: MXCSR's reserved
 * bits cleared (they would fault in the kernel). */
void sigframe_sanitize_fpu(void *fxsave);

/* The default action of sig. */
enum sig_default { SIGDFL_TERM, SIGDFL_CORE, SIGDFL_IGNORE, SIGDFL_STOP };
enum sig_default sig_default_action(int sig);

/* The pending signal to deliver first from the set: the synchronous
 * fault signals first (as Linux), then the lowest number. 0 if none. */
int sig_pick(uint64_t set);

/* The signal, si_code and si_addr a CPU exception in user mode raises.
 * mapped: some mapping covers the page-fault address; allowed: the
 * mapping allows the access (the fault was a lack of memory). fpu: the
 * fxsave image, for the floating-point exception codes. */
void sig_from_fault(const struct user_fault *f, uint64_t rip, int mapped,
		    int allowed, const void *fpu, struct l_siginfo *info);

#endif
