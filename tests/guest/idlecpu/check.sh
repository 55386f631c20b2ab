# dom0 saw the CPU time stay flat while the guest slept 10 s.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^idle ok$'
expect_console '^sleeping 10 s$'
ms=$(console_field 's/^woke after ([0-9]+) ms$/\1/p')
[ "${ms:-0}" -ge 10000 ] || fail "slept only ${ms:-?} ms of 10000"
