# musl-demo: a static musl C program: a ramdisk file read, dup and
# friends, eventfd, 5 echo
# connections each served by a thread of its own, joined, exit code 0.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^tcpecho: 1 client\(s\) x 1048576 bytes echoed identically'
expect_dom0_log '^tcpecho: 4 client\(s\) x 262144 bytes echoed identically'
expect_console '^demo: /etc/demo.txt has 46 bytes: musl-demo: a line from a file on the ramdisk\.$'
expect_console '^demo: dup: one offset through dup, dup2, dup3 and F_DUPFD; stdout through a pipe and back$'
expect_console '^demo: eventfd: counter, semaphore, a wake-up between threads, epoll$'
expect_console '^demo: echoing 5 connections on port 7$'
expect_console '^demo: 5 connections, 2097152 bytes echoed$'
