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

static void print_frame(int n, unsigned long addr)
{
	unsigned long off;
	const char *name = ksyms_lookup(addr, &off);

	if (name)
		printk("  #%-2d %016lx %s+0x%lx\n", n, addr, name, off);
	else
		printk("  #%-2d %016lx ?\n", n, addr);
}

void ksyms_backtrace(unsigned long rip, unsigned long rbp, unsigned long lo,
		     unsigned long hi)
{
	int n = 0;

	printk(" backtrace:\n");
	if (rip)
		print_frame(n++, rip);
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
