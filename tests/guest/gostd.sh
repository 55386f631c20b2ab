# shellcheck shell=bash
# The checks every gostd-* guest test makes (a Go standard-library
# package's tests, GO_TEST, with /tmp on an ext4 disk that the test's
# pre.sh made and its dom0.sh checked), sourced by their check.sh:
#   . "$TESTDIR/../gostd.sh"; gostd_check MIN_PASSES
# The run must end by itself with Go's PASS and exit code 0, no test or
# subtest may fail, at least MIN_PASSES top-level tests must pass (so a
# run that ran nothing, or far less than it should, fails), the disk must
# have been mounted read-write on /tmp, and dom0's e2fsck -fn must have
# found the file system clean after the guest stopped.
gostd_check() { # min-passes
	local passes
	expect_state poweroff
	expect_exit_code 0
	expect_dom0_rc 0
	expect_console '^mount: xvdb on /tmp: ext4, read-write'
	expect_console '^PASS$'
	expect_no_console '^ *--- FAIL'
	expect_no_console '^(panic|fatal error): '
	passes=$(console_text | grep -c '^--- PASS: ')
	[ "$passes" -ge "$1" ] || fail "only $passes top-level tests passed, expected at least $1"
	expect_dom0_log '^e2fsck exit 0$'
}
