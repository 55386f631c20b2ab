/*
 * Directories for apps: opendir() and readdir() over the fd table, with
 * Linux's struct dirent (the layout of a getdents64 record), which newlib
 * has no version of for this target. Only ramdisk directories exist
 * (docs/runtime.md, "Files: the ramdisk").
 */
#ifndef SKIFF_LIBC_DIRENT_H
#define SKIFF_LIBC_DIRENT_H

#ifdef __cplusplus
extern "C" {
#endif

/* d_type values, as Linux's. */
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
#define DT_SOCK 12
#define DT_WHT 14

struct dirent {
	unsigned long d_ino;	 /* the entry's inode number */
	long d_off;		 /* position of the next entry */
	unsigned short d_reclen; /* size of this record */
	unsigned char d_type;	 /* DT_DIR, DT_REG, ... */
	char d_name[256];	 /* NUL-terminated */
};

/* An open directory stream (opaque). */
typedef struct __skiff_dir DIR;

/* NULL with errno set (ENOENT, ENOTDIR, ENOMEM, EMFILE, ...) on failure. */
DIR *opendir(const char *path);
/* Takes over fd, an open directory; closedir() closes it. */
DIR *fdopendir(int fd);
/* The next entry ("." and ".." first), or NULL at the end (errno
 * unchanged) or on an error (errno set). Valid until the next call. */
struct dirent *readdir(DIR *dir);
int closedir(DIR *dir);
void rewinddir(DIR *dir);
int dirfd(DIR *dir);

#ifdef __cplusplus
}
#endif

#endif
