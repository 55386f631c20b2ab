# runtime: the syscall shim between newlib and the kernel (system calls,
# fd table, per-thread newlib state, locks, pthreads, start-up, stack
# overflow, BSD sockets over lwIP, poll/select, name resolution, the
# file system: the VFS, the writable root in memory, the ramdisk; pipes
# and epoll).
# See docs/runtime.md.
R := $(SKIFF)/runtime
RUNTIME_SRCS += $(R)/start.c $(R)/reent.c $(R)/lock.c $(R)/errno_map.c \
	$(R)/fd.c $(R)/file.c $(R)/fcntl.c $(R)/fd_console.c $(R)/syscalls_io.c \
	$(R)/path.c $(R)/devfs.c $(R)/syscalls_proc.c \
	$(R)/memory.c $(R)/time.c $(R)/crash.c $(R)/shutdown.c \
	$(R)/morestack.S $(R)/pthread.c $(R)/pthread_attr.c \
	$(R)/pthread_mutex.c $(R)/pthread_cond.c $(R)/pthread_key.c \
	$(R)/socket.c $(R)/socket_lwip.c $(R)/socket_ops.c $(R)/socket_abi.c $(R)/poll.c $(R)/netdb.c $(R)/inet.c \
	$(R)/dns.c $(R)/cpio.c $(R)/ramfs_index.c $(R)/ramfs.c $(R)/dirent.c \
	$(R)/vfs.c $(R)/memfs.c $(R)/vfs_fd.c $(R)/vfs_map.c $(R)/vfs_root.c \
	$(R)/vfs_calls.c $(R)/vfs_dev.c $(R)/vfs_fifo.c \
	$(R)/blkio.c $(R)/fd_blk.c $(R)/pipe.c $(R)/pipe_ring.c $(R)/eventfd.c \
	$(R)/epoll.c $(R)/epoll_set.c $(R)/debug.c $(R)/unix_sock.c \
	$(R)/unix_abi.c $(R)/netlink.c $(R)/netlink_msg.c \
	$(R)/sysfiles.c $(R)/sysfile_text.c $(R)/sysfile_host.c $(R)/etcfiles.c \
	$(R)/entropy.c $(R)/mounts.c \
	$(R)/ext4_io.c $(R)/ext4fs.c $(R)/ext4_mount.c
# Files that see lwIP's headers or net/include/skiff_net.h.
LWIP_USERS += $(R)/socket_lwip.c $(R)/socket_ops.c $(R)/poll.c $(R)/dns.c \
	$(R)/epoll.c $(R)/syscalls_proc.c $(R)/debug.c $(R)/netlink.c \
	$(R)/etcfiles.c
# Opening by path and disks as files are the files unit; the BSD sockets
# and the resolver go with lwIP in the net unit (the Makefile's
# "libminios.a"), and so do the synthesised files' text and the host name
# (the network's files and the Linux shim, which always has sockets, use
# them; in the core their strings would weigh on every image).
FILES_UNIT += $(R)/path.c $(R)/devfs.c $(R)/dirent.c $(R)/fd_blk.c $(R)/blkio.c \
	$(R)/sysfiles.c $(R)/vfs_fifo.c $(R)/cpio.c $(R)/ramfs_index.c $(R)/ramfs.c $(R)/vfs.c $(R)/memfs.c $(R)/vfs_fd.c $(R)/vfs_map.c $(R)/vfs_root.c \
	$(R)/vfs_calls.c $(R)/vfs_dev.c $(R)/mounts.c
# ext2/3/4 on disks (libext2fs joins them in the Makefile): the ext4 unit.
EXT4_UNIT += $(R)/ext4_io.c $(R)/ext4fs.c $(R)/ext4_mount.c
E2FS_USERS += $(R)/ext4_io.c $(R)/ext4fs.c $(R)/ext4_mount.c
NET_UNIT += $(R)/socket.c $(R)/socket_lwip.c $(R)/socket_ops.c \
	$(R)/socket_abi.c $(R)/dns.c $(R)/netdb.c $(R)/debug.c \
	$(R)/unix_sock.c $(R)/unix_abi.c $(R)/netlink.c $(R)/netlink_msg.c \
	$(R)/etcfiles.c $(R)/sysfile_text.c $(R)/sysfile_host.c
EXPORTS += $(R)/exports.lst
# The core's interface to its two personalities (newlib's system calls
# here, the Linux system-call shim in runtime/linux/): <runtime/fd.h>,
# <runtime/fs.h>, <runtime/pipe.h>, <runtime/epoll.h>, ...
RUNTIME_CFLAGS += -I$(R)/include
