/*
 * Linux's x86-64 signal ABI as pure functions (sigframe.h): the frame a
 * handler is entered with, its reading back in rt_sigreturn, default
 * actions, delivery order and the signals of CPU exceptions. No state
 * and no user-memory access here: signal.c copies the frame built in a
 * kernel buffer out to the user stack.
 */
#include <string.h>

#include <kernel/errno.h>

#include "sigframe.h"

_Static_assert(sizeof(struct l_siginfo) == 128, "siginfo_t");
_Static_assert(sizeof(struct l_sigcontext) == 256, "struct sigcontext");
_Static_assert(sizeof(struct l_ucontext) == 304, "the kernel's ucontext");
_Static_assert(offsetof(struct l_rt_sigframe, info) == 312, "rt_sigframe");

#define FL_CF 0x1ull
#define FL_PF 0x4ull
#define FL_AF 0x10ull
#define FL_ZF 0x40ull
#define FL_SF 0x80ull
#define FL_TF 0x100ull
#define FL_DF 0x400ull
#define FL_OF 0x800ull
#define FL_RF 0x10000ull
#define FL_AC 0x40000ull
/* What a handler may change through the frame (Linux's list, less the
 * trap and resume flags: no debugging interface here). */
#define FL_USER (FL_AC | FL_OF | FL_DF | FL_SF | FL_ZF | FL_AF | FL_PF | FL_CF)

/* The selectors Linux reports in a frame (its user cs and ss). */
#define LINUX_USER_CS 0x33
#define LINUX_USER_SS 0x2b

#define FX_MXCSR 24
#define FX_MXCSR_MASK 28
#define FX_SW_RESERVED 464
/* MXCSR bits that exist when fxsave reports no mask. */
#define MXCSR_DEFAULT_MASK 0xffbfu

int sigframe_build(const struct sigframe_in *in, uint8_t *buf,
		   struct sigframe_out *out)
{
	const struct user_regs *r = in->r;
	uint64_t fp, sp;
	struct l_rt_sigframe f;
	struct l_sigcontext *sc = &f.uc.uc_mcontext;

	if (in->top < USER_VA_MIN + L_SIGFRAME_MAX || in->top > USER_VA_END)
		return -EFAULT;
	fp = (in->top - L_FPSTATE_SIZE) & ~63ull;
	sp = ((fp - sizeof(f)) & ~15ull) - 8;

	memset(&f, 0, sizeof(f));
	f.pretcode = in->act->restorer;
	f.uc.uc_flags = L_UC_SIGCONTEXT_SS | L_UC_STRICT_RESTORE_SS;
	f.uc.uc_stack = in->altstack;
	sc->r8 = r->r8;
	sc->r9 = r->r9;
	sc->r10 = r->r10;
	sc->r11 = r->r11;
	sc->r12 = r->r12;
	sc->r13 = r->r13;
	sc->r14 = r->r14;
	sc->r15 = r->r15;
	sc->rdi = r->rdi;
	sc->rsi = r->rsi;
	sc->rbp = r->rbp;
	sc->rbx = r->rbx;
	sc->rdx = r->rdx;
	sc->rax = r->rax;
	sc->rcx = r->rcx;
	sc->rsp = r->rsp;
	sc->rip = r->rip;
	sc->eflags = r->rflags;
	sc->cs = LINUX_USER_CS;
	sc->ss = LINUX_USER_SS;
	sc->err = in->err;
	sc->trapno = in->trapno;
	sc->oldmask = in->oldmask;
	sc->cr2 = in->cr2;
	sc->fpstate = fp;
	f.uc.uc_sigmask = in->oldmask;
	f.info = *in->info;

	out->sp = sp;
	out->uc = sp + offsetof(struct l_rt_sigframe, uc);
	out->info = sp + offsetof(struct l_rt_sigframe, info);
	out->fpstate = fp;
	out->len = (size_t)(fp + L_FPSTATE_SIZE - sp);
	memset(buf, 0, out->len);
	memcpy(buf, &f, sizeof(f));
	memcpy(buf + (fp - sp), in->fpu, L_FPSTATE_SIZE);
	/* No xsave extension follows: the software-reserved words that
	 * would announce one stay zero. */
	memset(buf + (fp - sp) + FX_SW_RESERVED, 0,
	       L_FPSTATE_SIZE - FX_SW_RESERVED);
	return 0;
}

void sigframe_enter(struct user_regs *r, const struct sigframe_out *f, int sig,
		    uint64_t handler)
{
	r->rdi = (uint64_t)sig;
	r->rsi = f->info;
	r->rdx = f->uc;
	r->rax = 0;
	r->rsp = f->sp;
	r->rip = handler;
	r->rflags &= ~(FL_DF | FL_TF | FL_RF);
}

void sigframe_restore(struct user_regs *r, const struct l_ucontext *uc)
{
	const struct l_sigcontext *sc = &uc->uc_mcontext;

	r->r8 = sc->r8;
	r->r9 = sc->r9;
	r->r10 = sc->r10;
	r->r11 = sc->r11;
	r->r12 = sc->r12;
	r->r13 = sc->r13;
	r->r14 = sc->r14;
	r->r15 = sc->r15;
	r->rdi = sc->rdi;
	r->rsi = sc->rsi;
	r->rbp = sc->rbp;
	r->rbx = sc->rbx;
	r->rdx = sc->rdx;
	r->rax = sc->rax;
	r->rcx = sc->rcx;
	r->rsp = sc->rsp;
	r->rip = sc->rip;
	r->rflags = (r->rflags & ~FL_USER) | (sc->eflags & FL_USER);
}

void sigframe_sanitize_fpu(void *fxsave)
{
	uint8_t *fx = fxsave;
	uint32_t mxcsr, mask;

	memcpy(&mask, fx + FX_MXCSR_MASK, sizeof(mask));
	if (!mask)
		mask = MXCSR_DEFAULT_MASK;
	memcpy(&mxcsr, fx + FX_MXCSR, sizeof(mxcsr));
	mxcsr &= mask;
	memcpy(fx + FX_MXCSR, &mxcsr, sizeof(mxcsr));
}

enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case L_SIGQUIT:
	case L_SIGILL:
	case L_SIGTRAP:
	case L_SIGABRT:
	case L_SIGBUS:
	case L_SIGFPE:
	case L_SIGSEGV:
	case L_SIGXCPU:
	case L_SIGXFSZ:
	case L_SIGSYS:
		return SIGDFL_CORE;
	case L_SIGCHLD:
	case L_SIGCONT:
	case L_SIGURG:
	case L_SIGWINCH:
		return SIGDFL_IGNORE;
	case L_SIGSTOP:
	case L_SIGTSTP:
	case L_SIGTTIN:
	case L_SIGTTOU:
		return SIGDFL_STOP;
	default:
		return SIGDFL_TERM;
	}
}

#define SYNC_SIGNALS                                                           \
	(L_SIGBIT(L_SIGSEGV) | L_SIGBIT(L_SIGBUS) | L_SIGBIT(L_SIGILL) |       \
	 L_SIGBIT(L_SIGTRAP) | L_SIGBIT(L_SIGFPE) | L_SIGBIT(L_SIGSYS))

int sig_pick(uint64_t set)
{
	if (set & SYNC_SIGNALS)
		set &= SYNC_SIGNALS;
	return set ? __builtin_ctzll(set) + 1 : 0;
}

/* The si_code of a floating-point exception from the unmasked status
 * bits that are set (invalid, denormal, zero-divide, overflow,
 * underflow, precision), as Linux picks it. */
static int fpe_code(unsigned int status, unsigned int masks)
{
	unsigned int e = status & ~masks & 0x3f;

	if (e & 0x01)
		return L_FPE_FLTINV;
	if (e & 0x04)
		return L_FPE_FLTDIV;
	if (e & 0x08)
		return L_FPE_FLTOVF;
	if (e & 0x12)
		return L_FPE_FLTUND;
	if (e & 0x20)
		return L_FPE_FLTRES;
	return 0;
}

void sig_from_fault(const struct user_fault *f, uint64_t rip, int mapped,
		    int allowed, const void *fpu, struct l_siginfo *info)
{
	const uint8_t *fx = fpu;
	uint16_t fcw, fsw;
	uint32_t mxcsr;
	int sig = L_SIGSEGV, code = L_SI_KERNEL;
	uint64_t addr = 0;

	switch (f->vector) {
	case 0: /* divide error */
		sig = L_SIGFPE, code = L_FPE_INTDIV, addr = rip;
		break;
	case 1: /* debug */
		sig = L_SIGTRAP, code = L_TRAP_BRKPT, addr = rip;
		break;
	case 3: /* int3 */
		sig = L_SIGTRAP;
		break;
	case 6: /* invalid opcode */
		sig = L_SIGILL, code = L_ILL_ILLOPN, addr = rip;
		break;
	case 11: /* segment not present */
	case 12: /* stack segment */
		sig = L_SIGBUS;
		break;
	case 14: /* page fault */
		addr = f->addr;
		if (mapped && allowed)
			sig = L_SIGBUS, code = L_BUS_ADRERR;
		else
			code = mapped || (f->error & 1) ? L_SEGV_ACCERR
							: L_SEGV_MAPERR;
		break;
	case 16: /* x87 */
		memcpy(&fcw, fx, sizeof(fcw));
		memcpy(&fsw, fx + 2, sizeof(fsw));
		sig = L_SIGFPE, code = fpe_code(fsw, fcw), addr = rip;
		break;
	case 17: /* alignment check */
		sig = L_SIGBUS, code = L_BUS_ADRALN;
		break;
	case 19: /* SIMD floating point */
		memcpy(&mxcsr, fx + FX_MXCSR, sizeof(mxcsr));
		sig = L_SIGFPE, code = fpe_code(mxcsr, mxcsr >> 7), addr = rip;
		break;
	default: /* general protection, overflow, bound, ... */
		break;
	}
	memset(info, 0, sizeof(*info));
	info->si_signo = sig;
	info->si_code = code;
	info->u.fault.addr = addr;
}
