# A Go program under ballooning: xl mem-set to half and back while it
# allocates, checks and frees; xl list and /proc/meminfo follow; no block
# lost its pattern, no fault, exit 0 after xl shutdown.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^mem-set 64m: xl list shows (63|64|65) MiB$'
expect_dom0_log '^the program sees 65536 kB$'
expect_dom0_log '^mem-set 128m: xl list shows (127|128|129) MiB$'
expect_dom0_log '^the program sees 131072 kB$'
expect_console '^balloon: at target 65536 KiB$'
expect_console '^balloon: at target 131072 KiB$'
expect_console '^go-balloon: [0-9]+ allocations, [0-9]+ frees, 0 bad blocks$'
allocs=$(console_field 's/^go-balloon: ([0-9]+) allocations.*/\1/p')
[ "${allocs:-0}" -ge 100 ] || fail "only ${allocs:-0} allocations: the program did not keep working"
