# storm-go: the goroutines' checks held through the flood, the program
# exited 0, and the kernel reported no fault.
expect_state poweroff
expect_exit_code 0
expect_dom0_log '^storm sent$'
expect_console '^storm: spin [1-9][0-9]* rounds, calls [1-9][0-9]* rounds, pingpong [1-9][0-9]* rounds$'
expect_console '^storm: ok$'
expect_no_console '\*\*\* Skiff|fatal error|SIGSEGV'
