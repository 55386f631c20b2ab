# storm: the program's thread-local checks held through the flood, it
# exited 0, and the kernel reported no fault.
expect_state poweroff
expect_exit_code 0
expect_dom0_log '^storm sent$'
expect_console '^storm: spin [0-9]+ rounds$'
expect_console '^storm: calls [0-9]+ rounds$'
expect_console '^storm: [1-9][0-9]* bytes of console input$'
expect_console '^storm: ok$'
expect_no_console '\*\*\* Skiff|thread-local state wrong'
