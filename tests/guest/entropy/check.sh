# entropy: a C app's random bytes from the kernel's generator, seeded
# with a host seed (pre.sh) among its sources; two boots with the same
# seed give different bytes, and dom0's statistics find nothing wrong.
expect_state poweroff
expect_dom0_rc 0
expect_no_console '^entropy: FAIL'
expect_console '^random: seeded from .*CPU jitter, Xen.s clocks, the host.s seed$'
expect_console '^entropy: ok: argv holds the app.s words only$'
expect_console '^entropy: ok: getrandom unknown flag: EINVAL$'
expect_console '^entropy: ok: 3 MiB: no piece repeats, the end is filled$'
expect_console '^entropy: ok: /dev/urandom is character device 1,9, mode 0666$'
expect_console '^entropy: ok: /dev/zero reads 1000 zeros$'
expect_console '^entropy: ok: /dev/null reads end of file$'
expect_console '^entropy: ok: /dev/full: ENOSPC$'
expect_console '^entropy: 0 failed$'
grep -q '^pre.sh: seed passed$' "$RESULT/pre.log" 2> /dev/null || fail "pre.log: no 'pre.sh: seed passed'"
expect_dom0_log '^getrandom: the two boots differ$'
expect_dom0_log '^getentropy: the two boots differ$'
expect_dom0_log '^arc4random_buf: the two boots differ$'
expect_dom0_log '^urandom: the two boots differ$'
expect_dom0_log '^boot 1: 4096 bytes: '
expect_dom0_log '^boot 2: 4096 bytes: '
boots=$(console_text | grep -c '^entropy: done$')
[ "$boots" -eq 2 ] || fail "expected 2 boots to finish, saw $boots"
# The seed never reaches the console or the app.
expect_console '^Skiff: .*command line "seed=<hidden> one two"$'
if console_text | grep -q 'seed=[0-9a-f]'; then
	fail "the seed appears on the console"
fi
