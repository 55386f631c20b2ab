# Bounded waits: -ETIMEDOUT (-110) after about 5 s, the late reply dropped
# with a message, then requests work again and the exit code arrives.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^xenstored stopped$'
expect_console '^while stopped: -110 after [56] s$'
expect_console '^xenstore: no reply to request [0-9]+ \(type 2\)$'
expect_console '^xenstore: reply \(type 2\) for unknown request [0-9]+ dropped$'
expect_console '^after resume: 1$'
