# The grants are checked from both sides: dom0 mapped the pages and saw the
# right content, and the guest saw dom0's mappings block ending access.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^writable map of the read-only grant refused$'
expect_dom0_log '^page content matches'
expect_dom0_log '^gntmap: domain [0-9]+ ref [0-9]+ unmapped$'
expect_console '^granted ro ref [0-9]+, rw ref [0-9]+$'
expect_console '^bad grants: unaligned -22, end of reserved ref -22, of unused ref -22$'
expect_console '^end access while mapped: ro -16 rw -16$'
expect_console '^end access after unmap: ro 0 rw 0$'
expect_console '^ending it twice: -22$'
expect_console '^dom0 wrote: hello from dom0$'
expect_console '^dom0 verdict: ok$'
expect_console '^granted [0-9]+ more, then -28$'
expect_console '^ended them all: ok$'
expect_console '^gnttab test passed$'
expect_no_console 'FAIL'
