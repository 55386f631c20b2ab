# c-signal2: setitimer, alarm, timer_create (SIGEV_SIGNAL with
# TIMER_ABSTIME, SIGEV_THREAD_ID, overruns), real-time signals queued with
# their values and RLIMIT_SIGPENDING, signalfd (records, poll, a timer's
# signal waking a blocking read), accept/recv/read interrupted with
# and without SA_RESTART (and with SO_RCVTIMEO); then xl shutdown makes
# the server's accept() fail with EINTR and it exits with its own code 7.
expect_state poweroff
expect_exit_code 7
expect_dom0_rc 0
expect_dom0_log '^xl shutdown: sent$'
for step in setitimer alarm timer-signal timer-thread-id timer-overrun \
	rt-queue signalfd accept-eintr recv-eintr; do
	expect_console "^c-signal2: $step ok$"
done
expect_console '^c-signal2: 0 failures$'
expect_console '^c-signal2: accept returned -1 \(Interrupted system call\) after 1 SIGTERM$'
expect_console '^c-signal2: exiting with 7$'
expect_no_console 'FAIL'
expect_no_console 'did not exit within'
