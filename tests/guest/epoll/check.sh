# epoll: pipes and epoll in the guest, an idle epoll_wait that dom0 saw
# use no CPU, and an edge-triggered echo server that dom0's tcpecho
# loaded (4 MiB by sha256, 50 concurrent clients).
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_no_console '^epoll: FAIL'
expect_console '^epoll: ok: pipe EAGAIN, partial write, PIPE_BUF, EOF, EPIPE, poll$'
expect_console '^epoll: ok: pipe between threads: 1 MiB intact, 400 atomic records unmixed$'
expect_console '^epoll: ok: epoll over a pipe between two threads$'
expect_console '^epoll: LT reported 5 of 5, ET 1 of 5 and 1 after new data, ONESHOT 1 then 1 after MOD$'
expect_console '^epoll: ok: level vs edge triggering, one-shot, fairness$'
expect_console '^epoll: ok: ctl errors EEXIST ENOENT EBADF EINVAL EPERM; closing an fd removes it$'
expect_console '^epoll: ok: loopback TCP the Go way'
expect_console '^epoll: ok: console writable, reported once \(ET\)$'
expect_console '^epoll: ok: timeout accuracy$'
expect_console '^epoll: idle wait returned 0 after [0-9]+ ms$'
expect_console '^epoll: ok: idle wait$'
expect_console '^epoll: ok: 120 pipes \(fds up to [0-9]+\) in one epoll set$'
expect_console '^epoll: echo: 51 connections, 51 closed, 17301504 bytes echoed'
expect_console '^epoll: 0 failed$'
expect_dom0_log '^idle ok$'
expect_dom0_log '^4 MiB: sha256 identical$'
expect_dom0_log '^tcpecho: 50 client\(s\) x 262144 bytes echoed identically'
expect_dom0_log '^50 clients: all identical$'
