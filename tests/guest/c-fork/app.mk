# c-fork: processes in a static musl C program (fork.c): fork, vfork,
# wait4/waitid, pipes and fds shared with a child, signals between
# processes, SIGCHLD, and 300 forks that must give their memory back.
MUSL_SRCS := fork.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
