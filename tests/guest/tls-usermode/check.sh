# Everything the usermode test checks, plus the thread-local probe.
# shellcheck source=tests/guest/usermode/check.sh
. "$TESTDIR/../usermode/check.sh"
expect_console '^tls probe: 50 sleeps, own values kept$'
