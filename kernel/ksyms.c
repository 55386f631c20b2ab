/*
 * Symbolized backtraces. The table (address-sorted functions of the whole
 * image) comes from the second link pass; in the first pass it is empty
 * and lookups fail gracefully.
 */
#include <kernel/ksyms.h>
#include <kernel/printk.h>

struct ksym {
	unsigned long addr;
	const char *name;
};

extern const struct ksym __ksyms_start[], __ksyms_end[];
extern char _text[], _etext[];

#define MAX_FRAMES 32

const char *ksyms_lookup(unsigned long addr, unsigned long *offset)
{
	const struct ksym *lo = __ksyms_start, *hi = __ksyms_end;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext ||
	    lo == hi || addr < lo->addr)
		return NULL;
	/* Find the last entry with entry->addr <= addr. */
	while (hi - lo > 1) {
		const struct ksym *mid = lo + (hi - lo) / 2;

		if (mid->addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - lo->addr;
	return lo->name;
}

void ksyms_print(const char *prefix, unsigned long addr)
{
	unsigned long off;
	const char *name = ksyms_lookup(addr, &off);

	if (name)
		printk("%s%016lx <%s+0x%lx>\n", prefix, addr, name, off);
	else
		printk("%s%016lx\n", prefix, addr);
}

static void print_frame(int n, unsigned long addr)
{
	char prefix[8];

	snprintk(prefix, sizeof(prefix), "  #%-2d ", n);
	ksyms_print(prefix, addr);
}

/* True if addr directly follows a call instruction in the image's text:
 * a direct call (e8 rel32) or an indirect one through a register
 * (ff /2, with or without a REX prefix). */
static bool is_return_site(unsigned long addr)
{
	const uint8_t *p = (const uint8_t *)addr;

	if (addr < (unsigned long)_text + 5 || addr >= (unsigned long)_etext)
		return false;
	if (p[-5] == 0xe8)
		return true;
	return p[-2] == 0xff && (p[-1] & 0xf8) == 0xd0;
}

void ksyms_backtrace(unsigned long rip, unsigned long rsp, unsigned long rbp,
		     unsigned long lo, unsigned long hi)
{
	unsigned long first_ret = 0;
	int n = 0;

	printk(" backtrace:\n");
	if (rip)
		print_frame(n++, rip);
	if (rbp >= lo && rbp + 16 <= hi && !(rbp & 7))
		first_ret = ((unsigned long *)rbp)[1];
	/* A leaf function may not set up a frame: its caller's return
	 * address is then on top of the stack, not in the rbp chain. */
	if (rsp >= lo && rsp + 8 <= hi && !(rsp & 7)) {
		unsigned long top = *(unsigned long *)rsp;

		if (top != first_ret && is_return_site(top))
			print_frame(n++, top - 1);
	}
	/* Frame pointers: [rbp] = caller's rbp, [rbp+8] = return address.
	 * Trust nothing: stay inside the stack and insist on progress. */
	while (n < MAX_FRAMES && rbp >= lo && rbp + 16 <= hi && !(rbp & 7)) {
		unsigned long next = ((unsigned long *)rbp)[0];
		unsigned long ret = ((unsigned long *)rbp)[1];

		if (!ret)
			break;
		print_frame(n++, ret - 1);
		if (next <= rbp)
			break;
		rbp = next;
	}
}
