/*
 * Symbolized backtraces. The table (address-sorted functions of the whole
 * image) comes from the second link pass; in the first pass it is empty
 * and lookups fail gracefully.
 */
#include <kernel/ksyms.h>
#include <kernel/printk.h>

/* The packed table tools/gen-ksyms.sh writes: a count, then one entry
 * per function, address-sorted, then the names. Offsets are 32 bits: the
 * text is far below 4 GiB and so is the table. */
struct ksym {
	uint32_t text_off; /* the function's address - _text */
	uint32_t name_off; /* its name's address - __ksyms_start */
};

struct ksym_table {
	uint32_t count;
	uint32_t reserved;
	struct ksym sym[];
};

extern const char __ksyms_start[], __ksyms_end[];
extern char _text[], _etext[];

#define MAX_FRAMES 32

const char *ksyms_lookup(unsigned long addr, unsigned long *offset)
{
	const struct ksym_table *t = (const void *)__ksyms_start;
	const struct ksym *lo, *hi;
	unsigned long off = addr - (unsigned long)_text;

	/* The first link pass has no table at all. */
	if (__ksyms_end - __ksyms_start < (long)sizeof(*t) || !t->count ||
	    addr < (unsigned long)_text || addr >= (unsigned long)_etext)
		return NULL;
	lo = t->sym;
	hi = t->sym + t->count;
	if (off < lo->text_off)
		return NULL;
	/* Find the last entry with entry->text_off <= off. */
	while (hi - lo > 1) {
		const struct ksym *mid = lo + (hi - lo) / 2;

		if (mid->text_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	*offset = off - lo->text_off;
	return __ksyms_start + lo->name_off;
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
