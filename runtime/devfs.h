/*
 * The memory character devices (devfs.c): /dev/null, /dev/zero,
 * /dev/full, /dev/random, /dev/urandom. Same return convention as
 * <runtime/fs.h>.
 */
#ifndef RUNTIME_DEVFS_H
#define RUNTIME_DEVFS_H

#include <stdbool.h>

struct stat;

/* Whether path names one of the devices (exactly). */
bool devfs_path(const char *path);
/* The path of device i ("/dev/null"), NULL past the last. */
const char *devfs_name(unsigned int i);
/* An fd, or -ENOENT, -ENOTDIR (O_DIRECTORY), -EEXIST (O_CREAT|O_EXCL),
 * -EINVAL, -EMFILE, -ENOMEM. */
int devfs_open(const char *path, int flags);
int devfs_stat(const char *path, struct stat *st);

#endif
