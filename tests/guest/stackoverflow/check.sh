# The recursing thread hits its stack limit: reported by name, crashed.
expect_state crash
expect_console '^recursing$'
expect_console 'stack overflow in thread'
expect_console 'recurse\+0x'
expect_no_console 'survived'
