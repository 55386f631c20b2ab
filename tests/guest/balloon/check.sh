# xl mem-set down, up, beyond the boot size, far below (refused) and up
# again while the app allocates, fills, checks and frees blocks: xl list
# and the guest follow each target, the refusal is said on the console,
# no block lost its pattern, clean exit.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
for m in 32 64 96 48; do
	expect_dom0_log "^mem-set ${m}m: xl list shows ($((m - 1))|$m|$((m + 1))) MiB\$"
	expect_dom0_log "^mem-set ${m}m: the guest holds $((m * 1024)) KiB\$"
done
expect_dom0_log '^refused: holding between 10 and 40 MiB$'
expect_dom0_log '^refused: xl list and the guest agree$'
expect_dom0_log '^refused: the guest runs on$'
expect_dom0_log '^junk target: ignored$'
expect_dom0_log '^1 GiB target: not reached$'
expect_dom0_log '^1 GiB target: holding 64 to 66 MiB$'
expect_console '^balloon: at target 32768 KiB$'
expect_console '^balloon: at target 98304 KiB$'
expect_console '^balloon: target 8192 KiB is below what is in use; holding [0-9]+ KiB'
expect_console '^balloon app: [0-9]+ allocations, [0-9]+ frees, [0-9]+ malloc NULL, 0 bad blocks$'
expect_no_console 'Xen took'
allocs=$(console_field 's/^balloon app: ([0-9]+) allocations.*/\1/p')
[ "${allocs:-0}" -ge 100 ] || fail "only ${allocs:-0} allocations: the app did not keep working"
