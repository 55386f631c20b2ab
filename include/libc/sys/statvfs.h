/*
 * statvfs() and fstatvfs() (POSIX; runtime/vfs_calls.c): the size and
 * free room of the file system that holds a path or an open file. newlib
 * has no <sys/statvfs.h> for this target. The layout is glibc's on
 * x86-64, so code written for Linux builds as it is.
 */
#ifndef _SKIFF_SYS_STATVFS_H
#define _SKIFF_SYS_STATVFS_H

#include <sys/cdefs.h>
#include <sys/types.h>

#define ST_RDONLY 1
#define ST_NOSUID 2

struct statvfs {
	unsigned long f_bsize, f_frsize;
	unsigned long f_blocks, f_bfree, f_bavail; /* in f_frsize units */
	unsigned long f_files, f_ffree, f_favail;
	unsigned long f_fsid, f_flag, f_namemax;
	int __f_spare[6];
};

__BEGIN_DECLS
int statvfs(const char *__restrict __path, struct statvfs *__restrict __buf);
int fstatvfs(int __fd, struct statvfs *__buf);
__END_DECLS

#endif
