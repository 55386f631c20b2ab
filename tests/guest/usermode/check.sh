# PV user mode: a ring-3 program's system calls, registers, FS base,
# demand paging and two user threads, ending with exit code 7.
expect_state poweroff
expect_exit_code 7
expect_console '^reserved 1024 KiB at [0-9a-f]+, committed 64 KiB: 0 pages backed by that$'
expect_console '^entering user mode at 400000$'
expect_console '^sys 1 args 1 2 3 4 5 6$'
expect_console '^sys 2: switched threads, sse [0-9]+ [0-9]+$'
expect_console '^sys 3: fs base 601000$'
expect_console '^demand paging: 5 pages backed by touching \([0-9]+ before\)$'
expect_console '^user thread B done$'
expect_console '^user exit 7$'
expect_no_console 'not reached'
expect_no_console '^user exit (1[0-9]|[0-6]|[89])$'
# The two threads take turns, each with its own FS base: three rounds
# each, A's value always aaaa and B's bbbb. Not strictly A B A B: an
# upcall between a thread's word and its yield may let the other run
# first, as user code is preemptible.
got=$(console_text | sed -En 's/^user thread ([AB]) fs value ([0-9a-f]+)$/\1\2/p' | sort | tr '\n' ' ')
[ "$got" = "Aaaaa Aaaaa Aaaaa Bbbbb Bbbbb Bbbbb " ] ||
	fail "user threads: expected three rounds each of A with aaaa and B with bbbb, got '$got'"
# User mode's own GS base reaches user code, and the kernel's split-stack
# checks (%gs:0x70) never see it.
expect_console '^sys 14: user gs base 602000: 0$'
expect_no_console 'stack overflow'
# The null system calls: in an image without thread-local variables no
# kernel code reads FS, and the calls load no FS base at all (tls-usermode
# sets USERMODE_FS_LOADS: its image has them).
if [ -z "${USERMODE_FS_LOADS:-}" ]; then
	expect_console '^null system call: 20000 calls, [0-9]+ ns each, 0 FS-base loads$'
else
	expect_console '^null system call: 20000 calls, [0-9]+ ns each, [0-9]+ FS-base loads$'
fi
expect_console '^for comparison: rdtsc [0-9]+ ns, fxsave\+fxrstor [0-9]+ ns$'
expect_console '^upcalls in user mode: [1-9][0-9]*, registers intact$'
