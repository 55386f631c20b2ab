# linux-gaps: what Go's own tests found missing, in a static musl program
# (main.c): FIFOs (mknod, Linux's open semantics, the end of file),
# AF_UNIX sockets as files, recvmsg's MSG_CMSG_CLOEXEC, pidfds
# (pidfd_open, CLONE_PIDFD, waitid P_PIDFD, pidfd_send_signal), mincore,
# copy_file_range's EINVAL, the synthesised files' directories, the
# ramdisk's mtime, the program as a file (an exec'd one's /proc/self/exe
# names its file), and the cwd= boot option.
MUSL_SRCS := main.c
MUSL_LDLIBS := -lpthread
APP_MEMORY := 64
APP_FILES := files
APP_EXTRA := cwd=/data
