# c-signal: handlers for faults (siglongjmp, an edited context), raise,
# SA_RESETHAND/SA_NODEFER, sigaltstack, pthread_kill to a blocked thread
# with SA_RESTART, masks, pending, sigtimedwait, EINTR for read and
# nanosleep, sigsuspend, SIGPIPE ignored and handled; then SIGPIPE's
# default action ends the program: exit code 141.
expect_state poweroff
expect_exit_code 141
for step in segv fpe ill-context raise altstack pthread_kill \
	mask-pending-sigtimedwait eintr sigpipe; do
	expect_console "^c-signal: $step ok$"
done
expect_console '^c-signal: 0 failures; now SIGPIPE'"'"'s default action$'
expect_console 'killed by SIGPIPE \(signal 13\)'
expect_no_console 'FAIL'
