# fdclose: 300 rounds of fds closed under blocked recv, accept, send,
# pipe read, disk read, epoll_wait and poll, each finishing when its peer
# acted; dom0 read the lwIP socket count and the heap back at their
# baseline and was still served afterwards.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_no_console '^fdclose: FAIL'
expect_console '^fdclose: ok: an epoll item lives as long as its file$'
expect_console '^fdclose: 300 rounds, 0 failed; disk reads closed in flight: [1-9]'
expect_console '^fdclose: served [1-9][0-9]* echo connection\(s\) after the rounds$'
expect_console '^fdclose: 0 failed$'
expect_dom0_log '^all 300 rounds passed$'
expect_dom0_log '^socket count back at its baseline$'
expect_dom0_log '^heap back at its baseline$'
expect_dom0_log '^the app still serves$'
