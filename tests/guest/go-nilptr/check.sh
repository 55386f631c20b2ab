# go-nilptr: a write through a nil pointer at address 0x8 in main.poke is
# Go's panic, as on Linux: the SIGSEGV line (SEGV_MAPERR, addr=0x8), the
# traceback naming main.poke, exit code 2.
expect_state poweroff
expect_exit_code 2
expect_console '^go-nilptr: about to write through a nil pointer$'
expect_console '^panic: runtime error: invalid memory address or nil pointer dereference$'
expect_console '^\[signal SIGSEGV: segmentation violation code=0x1 addr=0x8 pc=0x[0-9a-f]+\]$'
expect_console '^main\.poke\('
expect_console '^exit code 2$'
expect_no_console 'survived'
