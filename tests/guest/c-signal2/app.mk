# c-signal2: timers raising signals (setitimer, alarm, POSIX timers),
# real-time signals queued, blocking socket calls interrupted (EINTR,
# SA_RESTART), and a server in accept() ended by xl shutdown (signal2.c).
MUSL_SRCS := signal2.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 32
