# sockapi: socket error paths in the guest, and exchanges with dom0.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_no_console '^sockapi: FAIL'
expect_console '^sockapi: ok: poll: a client on the listener, console quiet'
expect_console '^sockapi: ok: connect to dom0.s closed port 7999 -> -1'
expect_console '^sockapi: ok: send on a reset connection'
expect_console '^sockapi: ok: SCM_RIGHTS gave fd [0-9]+'
expect_console '^sockapi: 0 failed$'
expect_dom0_log '^reply: HELLO FROM DOM0$'
expect_dom0_log '^got: from guest$'
expect_dom0_log '^dom0 ok$'
