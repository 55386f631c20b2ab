/*
 * Directory streams (<dirent.h>): opendir() opens the directory as an fd
 * and readdir() hands out the records fs_getdents64() writes, a
 * bufferful at a time, as the C library of a Linux system does over the
 * getdents64 system call.
 */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <runtime/fs.h>
#include "runtime_priv.h"

#define DIR_BUF_SIZE 4096

struct __skiff_dir {
	int fd;
	size_t pos, end; /* the records not yet handed out: buf[pos, end) */
	/* Records, 8-byte aligned, handed out in place; room after them for
	 * an app that copies a whole struct dirent from the last one. */
	_Alignas(8) char buf[DIR_BUF_SIZE + sizeof(struct dirent)];
};

DIR *fdopendir(int fd)
{
	struct stat st;
	DIR *d;

	if (fstat(fd, &st) < 0)
		return NULL;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return NULL;
	}
	d = malloc(sizeof(*d));
	if (!d) {
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	d->pos = d->end = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct dirent *e;
	long n;

	if (d->pos >= d->end) {
		n = fs_getdents64(d->fd, d->buf, DIR_BUF_SIZE);
		if (n <= 0) {
			if (n < 0)
				runtime_ret(n);
			return NULL;
		}
		d->pos = 0;
		d->end = (size_t)n;
	}
	e = (struct dirent *)(d->buf + d->pos);
	d->pos += e->d_reclen;
	return e;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->end = 0;
}

int dirfd(DIR *d)
{
	return d->fd;
}

int closedir(DIR *d)
{
	int rc = close(d->fd);

	free(d);
	return rc;
}
