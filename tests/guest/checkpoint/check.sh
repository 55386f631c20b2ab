# checkpoint: xl save -c while the guest writes its disk; it goes on;
# the checkpoint restored later (a new domain) finds every block it had
# written intact, and its sleeps never saw the time the save took;
# the free memory left out of the save is backed again both times.
expect_state poweroff
expect_dom0_rc 0
expect_dom0_log '^xl save -c: 0$'
expect_dom0_log '^the running guest went on past block [0-9]+$'
expect_dom0_log '^xl restore: 0$'
expect_console '^suspend: resumed in place'
expect_console '^suspend: resumed in a new domain$'
expect_console '^verified [0-9]+ blocks intact$'
n=$(console_text | grep -cE '^balloon: [0-9]+ KiB left out of the save, backed again$')
[ "$n" -eq 2 ] || fail "free memory backed again after $n of 2 resumes"
expect_console '^longest 50 ms sleep: [0-9]+ ms \(ok\)$'
expect_no_console '^FAIL'
