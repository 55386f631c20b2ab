/*
 * newlib's <sys/stat.h>, plus lstat(), which newlib declares only for
 * some systems (runtime/vfs_calls.c: it does not follow a last symbolic
 * link, as on Linux).
 */
#ifndef SKIFF_LIBC_SYS_STAT_H
#define SKIFF_LIBC_SYS_STAT_H

#include_next <sys/stat.h>

int lstat(const char *__restrict __path, struct stat *__restrict __buf);

#endif
