/*
 * A reader for "newc" cpio archives (the format of an xl ramdisk and of
 * Linux's initramfs): walks the entries of an archive in memory without
 * copying or allocating, and refuses anything malformed with a reason and
 * the offset where it was found. Pure: host-tested as it is.
 */
#ifndef RUNTIME_CPIO_H
#define RUNTIME_CPIO_H

#include <stddef.h>
#include <stdint.h>

/* One entry, pointing into the archive. */
struct cpio_entry {
	const char *name; /* NUL-terminated, as stored (e.g. "./a/b") */
	size_t name_len;  /* without the NUL; at least 1 */
	const void *data; /* size bytes: a file's contents, a link's target */
	size_t size;
	uint32_t ino;
	uint32_t mode; /* file type and permission bits (st_mode) */
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t mtime; /* seconds since 1970 */
	size_t offset;	/* of its header in the archive */
};

/* The walk's state. Treat as opaque; error and error_off say why and
 * where the walk stopped after cpio_next() returned -EINVAL. */
struct cpio_reader {
	const unsigned char *buf;
	size_t len;
	size_t off;
	int state; /* 1 walking, 0 at the trailer, -EINVAL malformed */
	const char *error;
	size_t error_off;
};

/* Start a walk over len bytes at buf. */
void cpio_open(struct cpio_reader *r, const void *buf, size_t len);

/*
 * The next entry. Returns 1 with *e filled; 0 once the "TRAILER!!!" entry
 * is reached (bytes after it are ignored: archives are often padded); or
 * -EINVAL for a malformed or truncated archive, with r->error a reason
 * ("bad magic", "data past the end", ...) and r->error_off its offset.
 * Nothing is read outside [buf, buf + len). Once it has returned 0 or
 * -EINVAL it keeps returning that.
 */
int cpio_next(struct cpio_reader *r, struct cpio_entry *e);

/* Walk the whole archive: 0 if it is well formed up to its trailer, else
 * -EINVAL with r->error and r->error_off set. Counts the entries (not the
 * trailer) into *count if count is not NULL. */
int cpio_check(struct cpio_reader *r, const void *buf, size_t len,
	       size_t *count);

#endif
