/*
 * Tests of runtime/linux/sigframe.c: the signal frame against Linux's
 * x86-64 struct rt_sigframe offsets (the numbers a C library's
 * <sys/ucontext.h> and Go's runtime hard-code), a frame built and read
 * back by rt_sigreturn, the FPU image's sanitising, delivery order,
 * default actions, and the signal, si_code and si_addr of each CPU
 * exception.
 */
#include <string.h>

#include "../../runtime/linux/sigframe.h"
#include "check.h"

/* Offsets in Linux's rt_sigframe (pretcode at the handler's rsp). */
static void test_layout(void)
{
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, pretcode), 0);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc), 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_flags), 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_link), 16);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_stack.ss_sp), 24);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_stack.ss_flags), 32);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_stack.ss_size), 40);
	/* uc_mcontext: gregs r8 first (REG_R8 = 0 ... REG_RIP = 16). */
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.r8), 48);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.rdi),
		     48 + 8 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.rax),
		     48 + 13 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.rsp),
		     48 + 15 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.rip),
		     48 + 16 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.eflags),
		     48 + 17 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.cs),
		     48 + 18 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.err),
		     48 + 19 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.trapno),
		     48 + 20 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.oldmask),
		     48 + 21 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.cr2),
		     48 + 22 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_mcontext.fpstate),
		     48 + 23 * 8);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, uc.uc_sigmask), 304);
	CHECK_EQ_U64(offsetof(struct l_rt_sigframe, info), 312);
	CHECK_EQ_U64(sizeof(struct l_rt_sigframe), 440);
	/* siginfo: si_addr and si_pid at 16, si_uid at 20, sigval at 24. */
	CHECK_EQ_U64(offsetof(struct l_siginfo, si_code), 8);
	CHECK_EQ_U64(offsetof(struct l_siginfo, u.fault.addr), 16);
	CHECK_EQ_U64(offsetof(struct l_siginfo, u.kill.pid), 16);
	CHECK_EQ_U64(offsetof(struct l_siginfo, u.kill.uid), 20);
	CHECK_EQ_U64(offsetof(struct l_siginfo, u.kill.value), 24);
	CHECK_EQ_U64(sizeof(struct l_sigaction), 32);
	CHECK_EQ_U64(sizeof(struct l_stack), 24);
}

static void fill_regs(struct user_regs *r)
{
	uint64_t *w = (uint64_t *)r;
	size_t i;

	for (i = 0; i < sizeof(*r) / 8; i++)
		w[i] = 0x1000 + i;
	r->rsp = 0x7fff00001234;
	r->rip = 0x401000;
	r->rflags = 0x202 | 0x400 | 0x1; /* IF, DF, CF */
}

struct built {
	struct user_regs r;
	uint8_t fpu[512];
	struct l_siginfo info;
	struct l_sigaction act;
	struct sigframe_in in;
	struct sigframe_out out;
	uint8_t buf[L_SIGFRAME_MAX];
};

static int build(struct built *b, uint64_t top)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	fill_regs(&b->r);
	for (i = 0; i < sizeof(b->fpu); i++)
		b->fpu[i] = (uint8_t)(i * 7 + 1);
	b->info.si_signo = L_SIGSEGV;
	b->info.si_code = L_SEGV_MAPERR;
	b->info.u.fault.addr = 0xdead;
	b->act.handler = 0x402000;
	b->act.restorer = 0x403000;
	b->act.flags = L_SA_SIGINFO | L_SA_RESTORER;
	b->in.r = &b->r;
	b->in.fpu = b->fpu;
	b->in.top = top;
	b->in.sig = L_SIGSEGV;
	b->in.info = &b->info;
	b->in.act = &b->act;
	b->in.oldmask = 0x5a5a;
	b->in.altstack.ss_flags = L_SS_DISABLE;
	b->in.trapno = 14;
	b->in.err = 6;
	b->in.cr2 = 0xdead;
	return sigframe_build(&b->in, b->buf, &b->out);
}

static void test_build(void)
{
	static struct built b;
	const struct l_rt_sigframe *f = (const void *)b.buf;
	uint64_t top = 0x7fff00001234 - 128;
	struct user_regs e;

	CHECK_EQ_I64(build(&b, top), 0);
	/* As after a call: rsp + 8 is 16-byte aligned. */
	CHECK_EQ_U64((b.out.sp + 8) % 16, 0);
	CHECK_EQ_U64(b.out.fpstate % 64, 0);
	CHECK(b.out.fpstate + 512 <= top);
	CHECK(b.out.sp + sizeof(*f) <= b.out.fpstate);
	CHECK_EQ_U64(b.out.sp + b.out.len, b.out.fpstate + 512);
	CHECK(b.out.len <= L_SIGFRAME_MAX);
	CHECK_EQ_U64(b.out.uc, b.out.sp + 8);
	CHECK_EQ_U64(b.out.info, b.out.sp + 312);
	CHECK_EQ_U64(f->pretcode, 0x403000);
	CHECK_EQ_U64(f->uc.uc_mcontext.rip, 0x401000);
	CHECK_EQ_U64(f->uc.uc_mcontext.rsp, 0x7fff00001234);
	CHECK_EQ_U64(f->uc.uc_mcontext.rax, b.r.rax);
	CHECK_EQ_U64(f->uc.uc_mcontext.r15, b.r.r15);
	CHECK_EQ_U64(f->uc.uc_mcontext.rcx, b.r.rcx);
	CHECK_EQ_U64(f->uc.uc_mcontext.eflags, b.r.rflags);
	CHECK_EQ_U64(f->uc.uc_mcontext.cs, 0x33);
	CHECK_EQ_U64(f->uc.uc_mcontext.trapno, 14);
	CHECK_EQ_U64(f->uc.uc_mcontext.err, 6);
	CHECK_EQ_U64(f->uc.uc_mcontext.cr2, 0xdead);
	CHECK_EQ_U64(f->uc.uc_mcontext.fpstate, b.out.fpstate);
	CHECK_EQ_U64(f->uc.uc_sigmask, 0x5a5a);
	CHECK_EQ_U64(f->uc.uc_mcontext.oldmask, 0x5a5a);
	CHECK_EQ_U64(f->uc.uc_stack.ss_flags, L_SS_DISABLE);
	CHECK_EQ_I64(f->info.si_signo, L_SIGSEGV);
	CHECK_EQ_U64(f->info.u.fault.addr, 0xdead);
	/* The FPU image, with its software-reserved tail zeroed. */
	CHECK_MEM(b.buf + (b.out.fpstate - b.out.sp), b.fpu, 464);
	CHECK(b.buf[b.out.fpstate - b.out.sp + 500] == 0);

	e = b.r;
	sigframe_enter(&e, &b.out, L_SIGSEGV, b.act.handler);
	CHECK_EQ_U64(e.rip, 0x402000);
	CHECK_EQ_U64(e.rsp, b.out.sp);
	CHECK_EQ_U64(e.rdi, L_SIGSEGV);
	CHECK_EQ_U64(e.rsi, b.out.info);
	CHECK_EQ_U64(e.rdx, b.out.uc);
	CHECK_EQ_U64(e.rflags & 0x400, 0); /* DF clear for the handler */
	CHECK_EQ_U64(e.rbx, b.r.rbx);	   /* the rest as they were */

	/* Too close to the bottom of the address space. */
	CHECK_EQ_I64(build(&b, USER_VA_MIN + 100), -14);
}

static void test_restore(void)
{
	static struct built b;
	struct l_rt_sigframe f;
	struct user_regs r;

	CHECK_EQ_I64(build(&b, 0x7fff00000000), 0);
	memcpy(&f, b.buf, sizeof(f));
	/* What Go's preemption does: a new rip and rsp in the context. */
	f.uc.uc_mcontext.rip = 0x405555;
	f.uc.uc_mcontext.rsp = 0x7ffe00000008;
	f.uc.uc_mcontext.rax = (uint64_t)-4;
	/* Flags a program may set (OF) and may not (IOPL, TF). */
	f.uc.uc_mcontext.eflags = 0x800 | 0x3000 | 0x100;
	memset(&r, 0, sizeof(r));
	r.rflags = 0x202;
	sigframe_restore(&r, &f.uc);
	CHECK_EQ_U64(r.rip, 0x405555);
	CHECK_EQ_U64(r.rsp, 0x7ffe00000008);
	CHECK_EQ_U64(r.rax, (uint64_t)-4);
	CHECK_EQ_U64(r.r8, b.r.r8);
	CHECK_EQ_U64(r.rbp, b.r.rbp);
	CHECK_EQ_U64(r.rflags, 0x202 | 0x800);
}

static void test_sanitize(void)
{
	uint8_t fx[512];
	uint32_t v, mask = 0x0000ffff;

	memset(fx, 0, sizeof(fx));
	v = 0xffffffff;
	memcpy(fx + 24, &v, 4);
	memcpy(fx + 28, &mask, 4);
	sigframe_sanitize_fpu(fx);
	memcpy(&v, fx + 24, 4);
	CHECK_EQ_U64(v, 0xffff);
	/* No mask reported: the architectural default (DAZ absent). */
	mask = 0;
	v = 0xffffffff;
	memcpy(fx + 24, &v, 4);
	memcpy(fx + 28, &mask, 4);
	sigframe_sanitize_fpu(fx);
	memcpy(&v, fx + 24, 4);
	CHECK_EQ_U64(v, 0xffbf);
}

static void test_pick(void)
{
	CHECK_EQ_I64(sig_pick(0), 0);
	CHECK_EQ_I64(sig_pick(L_SIGBIT(L_SIGTERM)), L_SIGTERM);
	CHECK_EQ_I64(sig_pick(L_SIGBIT(L_SIGTERM) | L_SIGBIT(L_SIGINT)),
		     L_SIGINT);
	/* A fault's signal before lower-numbered asynchronous ones. */
	CHECK_EQ_I64(sig_pick(L_SIGBIT(L_SIGSEGV) | L_SIGBIT(L_SIGHUP)),
		     L_SIGSEGV);
	CHECK_EQ_I64(sig_pick(L_SIGBIT(L_SIGSEGV) | L_SIGBIT(L_SIGILL)),
		     L_SIGILL);
	CHECK_EQ_I64(sig_pick(L_SIGBIT(64)), 64);
	CHECK_EQ_I64(sig_pick(L_SIGBIT(34) | L_SIGBIT(64)), 34);
}

static void test_defaults(void)
{
	int s;

	CHECK(sig_default_action(L_SIGTERM) == SIGDFL_TERM);
	CHECK(sig_default_action(L_SIGPIPE) == SIGDFL_TERM);
	CHECK(sig_default_action(L_SIGKILL) == SIGDFL_TERM);
	CHECK(sig_default_action(L_SIGSEGV) == SIGDFL_CORE);
	CHECK(sig_default_action(L_SIGABRT) == SIGDFL_CORE);
	CHECK(sig_default_action(L_SIGQUIT) == SIGDFL_CORE);
	CHECK(sig_default_action(L_SIGCHLD) == SIGDFL_IGNORE);
	CHECK(sig_default_action(L_SIGURG) == SIGDFL_IGNORE);
	CHECK(sig_default_action(L_SIGWINCH) == SIGDFL_IGNORE);
	CHECK(sig_default_action(L_SIGSTOP) == SIGDFL_STOP);
	for (s = 32; s <= 64; s++)
		CHECK(sig_default_action(s) == SIGDFL_TERM);
}

static void fault(uint64_t vector, uint64_t error, uint64_t addr, int mapped,
		  int allowed, const uint8_t *fpu, struct l_siginfo *info)
{
	struct user_fault f = {.vector = vector, .error = error, .addr = addr};

	sig_from_fault(&f, 0x401234, mapped, allowed, fpu, info);
}

static void test_faults(void)
{
	uint8_t fx[512];
	struct l_siginfo i;
	uint32_t mxcsr;

	memset(fx, 0, sizeof(fx));
	fault(14, 4, 0x10, 0, 0, fx, &i); /* nil dereference */
	CHECK_EQ_I64(i.si_signo, L_SIGSEGV);
	CHECK_EQ_I64(i.si_code, L_SEGV_MAPERR);
	CHECK_EQ_U64(i.u.fault.addr, 0x10);
	fault(14, 4 | 2 | 1, 0x600000, 1, 0, fx, &i); /* write to text */
	CHECK_EQ_I64(i.si_code, L_SEGV_ACCERR);
	fault(14, 4, 0xc000000000, 1, 0, fx, &i); /* PROT_NONE */
	CHECK_EQ_I64(i.si_code, L_SEGV_ACCERR);
	fault(14, 4, 0xc000001000, 1, 1, fx, &i); /* no memory left */
	CHECK_EQ_I64(i.si_signo, L_SIGBUS);
	CHECK_EQ_I64(i.si_code, L_BUS_ADRERR);
	fault(6, 0, 0, 0, 0, fx, &i);
	CHECK_EQ_I64(i.si_signo, L_SIGILL);
	CHECK_EQ_I64(i.si_code, L_ILL_ILLOPN);
	CHECK_EQ_U64(i.u.fault.addr, 0x401234);
	fault(0, 0, 0, 0, 0, fx, &i);
	CHECK_EQ_I64(i.si_signo, L_SIGFPE);
	CHECK_EQ_I64(i.si_code, L_FPE_INTDIV);
	fault(13, 0, 0, 0, 0, fx, &i);
	CHECK_EQ_I64(i.si_signo, L_SIGSEGV);
	CHECK_EQ_I64(i.si_code, L_SI_KERNEL);
	CHECK_EQ_U64(i.u.fault.addr, 0);
	fault(3, 0, 0, 0, 0, fx, &i);
	CHECK_EQ_I64(i.si_signo, L_SIGTRAP);
	fault(17, 0, 0, 0, 0, fx, &i);
	CHECK_EQ_I64(i.si_signo, L_SIGBUS);
	CHECK_EQ_I64(i.si_code, L_BUS_ADRALN);
	/* SIMD: divide by zero unmasked (ZM clear) and flagged (ZE). */
	mxcsr = (0x1f80 & ~(1u << 9)) | (1u << 2);
	memcpy(fx + 24, &mxcsr, 4);
	fault(19, 0, 0, 0, 0, fx, &i);
	CHECK_EQ_I64(i.si_signo, L_SIGFPE);
	CHECK_EQ_I64(i.si_code, L_FPE_FLTDIV);
	/* x87: invalid operation unmasked (FCW IM clear), flagged. */
	fx[0] = 0x7e, fx[1] = 0x03; /* FCW 0x37e */
	fx[2] = 0x01, fx[3] = 0x00; /* FSW IE */
	fault(16, 0, 0, 0, 0, fx, &i);
	CHECK_EQ_I64(i.si_code, L_FPE_FLTINV);
}

CHECK_MAIN("sigframe", CHECK_TEST(test_layout), CHECK_TEST(test_build),
	   CHECK_TEST(test_restore), CHECK_TEST(test_sanitize),
	   CHECK_TEST(test_pick), CHECK_TEST(test_defaults),
	   CHECK_TEST(test_faults))
