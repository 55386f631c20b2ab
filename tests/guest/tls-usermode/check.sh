# Everything the usermode test checks, plus the thread-local probe: its
# thread woke at least once with its values intact, and the user thread
# that exits sees its own initial values.
# shellcheck source=tests/guest/usermode/check.sh
. "$TESTDIR/../usermode/check.sh"
expect_console '^tls probe: [1-9][0-9]* wake-ups, own values kept; exiting thread sees its own initial values$'
