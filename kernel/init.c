/*
 * The initcall table (<kernel/init.h>): entries that the linker script
 * gathers from every linked object, sorted by level.
 */
#include <kernel/init.h>

extern const struct initcall __initcall_start[], __initcall_end[];

void initcall_run(int level, const struct boot_info *bi)
{
	const struct initcall *c;

	for (c = __initcall_start; c < __initcall_end; c++)
		if (c->level == level)
			c->fn(bi);
}
