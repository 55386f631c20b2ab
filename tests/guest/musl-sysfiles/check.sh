# musl-sysfiles: musl's resolver, services and passwd code on the
# synthesised files; sendfile's offsets; the process calls. dom0 checked
# the host name and its address against the domain's.
expect_state poweroff
expect_exit_code 0
expect_dom0_rc 0
expect_dom0_log '^guest said: hostname '
expect_dom0_log '^guest said: lookup '
expect_console '^musl-sysfiles: exe /musl-sysfiles$'
expect_console '^musl-sysfiles: lookup localhost 127.0.0.1$'
expect_console '^musl-sysfiles: services https 443 postgresql 5432$'
expect_console '^musl-sysfiles: uid 0 is root, home /$'
expect_console '^musl-sysfiles: sendfile into a pipe: offsets as Linux$'
expect_console '^musl-sysfiles: thread name musl-sysfiles$'
expect_console '^musl-sysfiles: prctl, getrusage, sysinfo \([0-9]+ MiB\), process groups, umask, priorities, waitpid$'
expect_console '^musl-sysfiles: PASS$'
expect_console '^exit code 0$'
expect_no_console 'FAIL'
expect_no_console 'not implemented'
