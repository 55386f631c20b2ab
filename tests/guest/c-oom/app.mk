# c-oom: a program that maps 1 GiB and touches it until no frame is left
# gets SIGBUS (Linux would run its OOM killer), while the kernel keeps
# its reserve: system calls that need kernel memory still work, one
# that would back a page fails with ENOMEM, and once the program frees
# its memory it creates a thread and a pipe again (oom.c).
MUSL_SRCS := oom.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
