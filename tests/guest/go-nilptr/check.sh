# go-nilptr: a user-mode page fault at address 0x8 in main.poke: a crash
# report naming the address and the function, the domain crashed.
expect_state crash
expect_console '^go-nilptr: about to write through a nil pointer$'
expect_console '0x0*8\b'
expect_console 'main\.poke\+0x'
expect_no_console 'survived'
expect_no_console '^exit code'
