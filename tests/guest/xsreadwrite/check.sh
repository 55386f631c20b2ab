# Reads, writes, errors, directories and permissions, cross-checked in dom0.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_console '^write: 0$'
expect_console "^read back: 19 'written-by-guest-42'$"
expect_console '^missing key: -2$'
expect_console '^directory: a,b,c \(3\)$'
expect_console '^rm: 0$'
expect_console '^after rm: a,c \(2\)$'
expect_console '^rm missing: 0$'
expect_console '^rm missing parent: -2$'
expect_console '^big value: 2000 bytes, ok$'
expect_console '^too big: -7$'
expect_console '^set perms: 0$'
expect_dom0_log '^guest wrote: written-by-guest-42$'
domid=$(tr -d '\r' < dom0.log | sed -n 's/^domid //p')
expect_console "^perms: n$domid r0$"
expect_dom0_log "perm-test.*n$domid,r0"
tok=$(tr -d '\r' < dom0.log | sed -n 's/^dom0 wrote: //p')
[ -n "$tok" ] || fail "dom0.sh wrote no value for the guest"
expect_console "^from dom0: '$tok'$"
