# c-oom: a program that maps 1 GiB and touches it until no frame is left
# gets SIGBUS (Linux would run its OOM killer), while the kernel keeps
# its reserve: system calls that need kernel memory still work, one
# that would back a page fails with ENOMEM, it accepts dom0's
# connections and reads its disk, the kernel answers ping and xenstore,
# and once the program frees its memory it creates a thread and a pipe
# again (oom.c, dom0.sh).
MUSL_SRCS := oom.c ../common/sha256.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
APP_VIFS := bridge=xenbr0
APP_EXTRA := ip=169.254.11.7/16
# xvda: pre.sh's 4 MiB of random bytes.
