# sysfuzz: the guest made every call and powered off (the kernel neither
# crashed nor hung), and every call's result matches the same program and
# seed run here under Linux, or is a known difference listed in "allow"
# (compare.sh; its files land in the result folder).
expect_state poweroff
expect_exit_code 0
expect_console '^sf end [0-9]+$'
if ! "$TESTDIR/compare.sh" console.log "$build/sysfuzz/sysfuzz.linux" \
	"$TESTDIR/allow" . > compare.log 2>&1; then
	fail "$(grep -m1 'compare: ' compare.log || echo 'compare.sh failed')"
fi
sed 's/^/    /' compare.log | head -n 20
