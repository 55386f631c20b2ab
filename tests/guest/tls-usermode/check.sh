# Everything the usermode test checks, plus the thread-local probe: its
# thread woke at least once with its values intact, and the user thread
# that exits sees its own initial values.
# shellcheck source=tests/guest/usermode/check.sh
USERMODE_FS_LOADS=yes
. "$TESTDIR/../usermode/check.sh"
# With thread-local variables a system call runs the kernel on the
# thread's TCB: at least two FS-base loads each (there and back).
loads=$(console_text | sed -En 's/^null system call: 20000 calls, [0-9]+ ns each, ([0-9]+) FS-base loads$/\1/p')
[ -n "$loads" ] && [ "$loads" -ge 40000 ] ||
	fail "tls-usermode: expected at least 40000 FS-base loads in 20000 calls, got '$loads'"
expect_console '^tls probe: [1-9][0-9]* wake-ups, own values kept; exiting thread sees its own initial values$'
