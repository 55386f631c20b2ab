/*
 * The start-up, exit and boot-option tables (<kernel/init.h>): entries
 * that the linker script gathers from every linked object.
 */
#include <kernel/init.h>

extern const struct initcall __initcall_start[], __initcall_end[];
extern const struct exitcall __exitcall_start[], __exitcall_end[];
extern const struct boot_option __bootopt_start[], __bootopt_end[];
extern const struct thread_exitcall __thread_exitcall_start[],
    __thread_exitcall_end[];

void initcall_run(int level, const struct boot_info *bi)
{
	const struct initcall *c;

	for (c = __initcall_start; c < __initcall_end; c++)
		if (c->level == level)
			c->fn(bi);
}

void exitcall_run(int level, uint64_t deadline_ns)
{
	const struct exitcall *c;

	for (c = __exitcall_start; c < __exitcall_end; c++)
		if (c->level == level)
			c->fn(deadline_ns);
}

void thread_exitcall_run(struct thread *t)
{
	const struct thread_exitcall *c;

	for (c = __thread_exitcall_start; c < __thread_exitcall_end; c++)
		c->fn(t);
}

void boot_cmdline_shown(const char *line, char *out, size_t size)
{
	cmdline_redact(__bootopt_start,
		       (size_t)(__bootopt_end - __bootopt_start), line, out,
		       size);
}

int boot_options_take(char *const *words, int n)
{
	return cmdline_take_options(__bootopt_start,
				    (size_t)(__bootopt_end - __bootopt_start),
				    words, n);
}
