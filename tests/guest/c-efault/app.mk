# c-efault: a user buffer that goes away while a system call blocks on
# it fails that one call with EFAULT, as on Linux, instead of crashing
# the domain (efault.c). Also a buffer whose page can never be backed
# (a file mapping past the end of its file) and a read that can fill
# only the first of its two pages (the bytes copied).
MUSL_SRCS := efault.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
