# NULL write: page fault report naming the function, domain crashed.
expect_state crash
expect_console '^about to dereference NULL$'
expect_console 'page fault \(vector 14\) in thread .main.'
expect_console 'rip .*<write_through_null\+0x'
expect_console 'NULL pointer dereference'
expect_console 'backtrace:'
expect_console '#[0-9]+ +[0-9a-f]+ <main\+0x'
expect_no_console 'survived'
expect_no_console '^exit code'
