/*
 * Synthesised read-only files: what a Linux program expects to find in
 * /proc, /sys and /etc (the executable's link, its command line, the name
 * servers, the hosts table, ...), made from what Skiff knows when the file
 * is opened. path_open() and path_stat() (runtime/path.c) ask for them
 * only after the ramdisk said ENOENT: a file the app ships at the same
 * path wins, as an administrator's own /etc/hosts would on Linux.
 *
 * The files come in sets, one per unit that knows their contents: the
 * Linux shim's (/proc/self/..., runtime/linux/procfs.c) and the network's
 * (/etc/resolv.conf, /etc/hosts, ..., runtime/etcfiles.c). sysfiles.c
 * finds each set through a weak reference, so an image carries a set only
 * when it carries the unit anyway (a C app without sockets has no
 * /etc/resolv.conf and pays nothing for it). docs/runtime.md lists them.
 *
 * Return convention: 0, an fd or a count; a negative Linux errno value.
 */
#ifndef RUNTIME_SYSFILE_H
#define RUNTIME_SYSFILE_H

#include <stdbool.h>
#include <stddef.h>

struct stat;

/* A file's contents as its fill function builds them: text appended to a
 * growing buffer, or (ext) bytes that live elsewhere for good. */
struct sysfile_buf {
	char *data;
	size_t len, cap;
	const void *ext; /* set: the contents are ext[0..len), not data */
	bool failed;	 /* out of memory on the way */
};

/* Append text (printf's format) or bytes; failures are remembered in
 * b->failed, which the open then reports as -ENOMEM. */
void sysfile_printf(struct sysfile_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sysfile_put(struct sysfile_buf *b, const void *p, size_t n);

struct sysfile {
	const char *path; /* absolute, as the program names it */
	/* Build the contents, at each open and stat: 0, or a negative errno
	 * (-ENOENT: the file does not exist now). */
	int (*fill)(struct sysfile_buf *b);
};

struct sysfile_set {
	const struct sysfile *files;
	size_t n;
};

/* The sets, each defined by its unit (sysfiles.c refers to them weakly:
 * a set whose unit is not linked is absent). */
extern const struct sysfile_set linux_sysfiles; /* linux/procfs.c */
extern const struct sysfile_set net_sysfiles;	/* etcfiles.c */

/* open() of a synthesised file: an fd (read-only, seekable), -ENOENT for
 * a path no set has, -EROFS for a write or create, -EEXIST for O_EXCL,
 * -ENOTDIR for O_DIRECTORY, -ENOMEM, -EMFILE. */
int sysfile_open(const char *path, int flags);

/* stat() of a synthesised file: 0, -ENOENT, -ENOMEM. */
int sysfile_stat(const char *path, struct stat *st);

/* Give every synthesised file a name in the root (an empty inode, its
 * directories made as needed), unless the root has the path already:
 * once, at start, after the root is mounted (vfs_root.c). */
void sysfile_place(void);
/* The path of the synthesised file inode vn stands for, or NULL. */
struct vnode;
const char *sysfile_placed(const struct vnode *vn);

/* The host name: the domain's name as xenstore gives it ("name");
 * "skiff" if it cannot be read or is no host name (longer than Linux's
 * 64 characters, or other characters than sysfile_hostname_ok()
 * takes). Read once. */
const char *sysfile_hostname(void);

/* Pure text helpers (host-tested, tests/host/test_sysfile.c). */

/* Whether the xenstore domain name s is usable as a host name: 1 to 64
 * characters of letters, digits, '-', '_' and '.'. */
bool sysfile_hostname_ok(const char *s);

#endif
