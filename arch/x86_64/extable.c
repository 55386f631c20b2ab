/*
 * The exception table's lookup: the fix-up address for a fault at an
 * instruction usercopy.S listed in section __ex_table (the linker
 * script bounds it with __ex_table_start and __ex_table_end).
 */
#include <arch/usercopy.h>

/* One entry of the exception table (usercopy.S). */
struct extable_entry {
	unsigned long insn, fixup;
};

extern const struct extable_entry __ex_table_start[], __ex_table_end[];

unsigned long arch_extable_fixup(unsigned long rip)
{
	const struct extable_entry *e;

	for (e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == rip)
			return e->fixup;
	return 0;
}
