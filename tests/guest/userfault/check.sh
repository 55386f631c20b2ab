# A user-mode write to an unmapped address: the default report, domain
# crashed, nothing after it.
expect_state crash
expect_console '^running user code at 400000$'
expect_console 'user-mode page fault \(vector 14\) in thread '
expect_console '^ rip 00000000004000[0-9a-f]{2}$'
expect_console '^ faulting address 000000000dead008 \(write, not mapped\)$'
expect_console '^ rax 000000000dead000 '
expect_console '^ fs_base 0000000000000000$'
expect_no_console 'survived'
expect_no_console '^exit code'
