# uvm from kernel mode: backing on touch, unmap/discard/MAP_FIXED return
# frames, PROT_NONE keeps contents, argument errors, the mapping limit.
expect_state poweroff
expect_exit_code 0
expect_console '^mapping limit reached after 65530 maps \(65530 VMAs\)$'
expect_console '^uvm: [0-9]+ checks, 0 failed$'
expect_no_console '^FAIL'
