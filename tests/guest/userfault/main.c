/*
 * A user-mode write to an address nothing maps: no fault handler is set,
 * so the default report (faulting address, rip, registers) is printed and
 * the domain crashes.
 */
#include <kernel/user.h>
#include <kernel/uvm.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define CODE_VA 0x400000UL
#define STACK_TOP 0x7ff000000000UL

__asm__(".pushsection .text.userprog, \"ax\"\n"
	"bad_prog_start:\n"
	"	mov $0xdead000, %rax\n"
	"	movq $1, 8(%rax)\n"
	"	mov $60, %eax\n"
	"	syscall\n"
	"	ud2\n"
	"bad_prog_end:\n"
	".popsection\n");
extern const char bad_prog_start[], bad_prog_end[];

static void handle(struct user_regs *r)
{
	printf("survived: system call %lu\n", r->rax);
	r->rax = 0;
}

static void *enter_user(void *arg)
{
	user_enter(arg);
}

int main(void)
{
	static struct user_regs r;
	unsigned long got;
	pthread_t t;

	user_set_syscall_handler(handle);
	if (uvm_map(CODE_VA, PAGE_SIZE, UVM_PROT_READ | UVM_PROT_WRITE,
		    UVM_MAP_FIXED, &got) ||
	    uvm_map(STACK_TOP - PAGE_SIZE, PAGE_SIZE,
		    UVM_PROT_READ | UVM_PROT_WRITE, UVM_MAP_FIXED, &got))
		return 1;
	memcpy((void *)CODE_VA, bad_prog_start,
	       (size_t)(bad_prog_end - bad_prog_start));
	uvm_protect(CODE_VA, PAGE_SIZE, UVM_PROT_READ | UVM_PROT_EXEC);
	r.rip = CODE_VA;
	r.rsp = STACK_TOP;
	printf("running user code at %lx\n", r.rip);
	pthread_create(&t, NULL, enter_user, &r);
	pthread_join(t, NULL);
	printf("survived: user thread returned\n");
	return 0;
}
