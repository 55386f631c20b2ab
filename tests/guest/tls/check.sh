# 8 pthreads, a kernel thread and main each kept their own thread-local
# values through 1000 yields, at addresses of their own; exit code 0.
expect_state poweroff
expect_exit_code 0
expect_no_console '^FAIL'
for i in 0 1 2 3 4 5 6 7; do
	expect_console "^ok: pthread $i: own values kept\$"
done
expect_console '^ok: kernel thread 8: own values kept$'
expect_console '^ok: main 9: own values kept$'
expect_console '^ok: every thread.s variables at its own addresses$'
expect_console '^tls: switch [0-9]+ ns, FS-base hypercall [0-9]+ ns$'
expect_console '^tls: 0 failures$'
expect_console '^ok: 4000 switches, [0-9]+ FS-base loads$'
expect_console '^ok: 20 sleeps through the idle thread, [0-9]+ FS-base loads$'
