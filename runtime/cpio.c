/*
 * The newc cpio reader (cpio.h). An entry is a 110-byte header of ASCII
 * fields ("070701" or "070702", then thirteen 8-digit hexadecimal
 * numbers), the name with its NUL, zero padding to a multiple of 4 bytes
 * (counted from the header's start), the data, and padding to 4 again. The
 * archive ends with an entry named "TRAILER!!!". Everything is checked
 * against the archive's length before it is read: the bytes come from
 * outside (the domain's configuration).
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <stdbool.h>

#include "cpio.h"

#define HDR_LEN 110
#define FIELD_LEN 8
#define MAGIC_LEN 6
#define TRAILER "TRAILER!!!"

/* The fields after the magic, in their order in the header. */
enum field {
	F_INO,
	F_MODE,
	F_UID,
	F_GID,
	F_NLINK,
	F_MTIME,
	F_FILESIZE,
	F_DEVMAJOR,
	F_DEVMINOR,
	F_RDEVMAJOR,
	F_RDEVMINOR,
	F_NAMESIZE,
	F_CHECK,
	F_COUNT
};

void cpio_open(struct cpio_reader *r, const void *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->off = 0;
	r->state = 1;
	r->error = NULL;
	r->error_off = 0;
}

static int fail(struct cpio_reader *r, const char *why, size_t off)
{
	r->state = -EINVAL;
	r->error = why;
	r->error_off = off;
	return -EINVAL;
}

/* Parse the 8 hex digits at p into *v; false if one is not a digit. */
static bool parse_field(const unsigned char *p, uint32_t *v)
{
	uint32_t x = 0;
	int i, d;

	for (i = 0; i < FIELD_LEN; i++) {
		d = hex_digit_value((char)p[i]);
		if (d < 0)
			return false;
		x = x << 4 | (uint32_t)d;
	}
	*v = x;
	return true;
}

/* n rounded up to a multiple of 4, or 0 if that overflows. */
static size_t pad4(size_t n)
{
	return n + 3 < n ? 0 : (n + 3) & ~(size_t)3;
}

static bool is_magic(const unsigned char *p, bool *with_check)
{
	static const char m[] = "07070";
	int i;

	for (i = 0; i < MAGIC_LEN - 1; i++)
		if (p[i] != (unsigned char)m[i])
			return false;
	*with_check = p[MAGIC_LEN - 1] == '2';
	return p[MAGIC_LEN - 1] == '1' || *with_check;
}

/* Read and check the header at r->off into f[]. */
static int read_header(struct cpio_reader *r, uint32_t f[F_COUNT],
		       bool *with_check)
{
	const unsigned char *h = r->buf + r->off;
	int i;

	if (r->len - r->off < HDR_LEN)
		return fail(r,
			    r->off == r->len ? "no TRAILER!!! entry"
					     : "truncated header",
			    r->off);
	if (!is_magic(h, with_check))
		return fail(r, "bad magic (not a newc cpio archive)", r->off);
	for (i = 0; i < F_COUNT; i++)
		if (!parse_field(h + MAGIC_LEN + i * FIELD_LEN, &f[i]))
			return fail(r, "bad hexadecimal field in header",
				    r->off + MAGIC_LEN + (size_t)i * FIELD_LEN);
	return 0;
}

/* Check the name of the entry whose header is at hdr; fill e's name. */
static int read_name(struct cpio_reader *r, size_t hdr, uint32_t namesize,
		     struct cpio_entry *e)
{
	const char *name = (const char *)r->buf + hdr + HDR_LEN;
	size_t i;

	if (namesize < 2)
		return fail(r, "empty name", hdr);
	if (namesize > r->len - hdr - HDR_LEN)
		return fail(r, "name past the end", hdr);
	if (name[namesize - 1] != '\0')
		return fail(r, "name not terminated by NUL", hdr);
	for (i = 0; i + 1 < namesize; i++)
		if (name[i] == '\0')
			return fail(r, "NUL inside name", hdr);
	e->name = name;
	e->name_len = namesize - 1;
	return 0;
}

static bool is_trailer(const struct cpio_entry *e)
{
	const char *t = TRAILER;
	size_t i;

	if (e->name_len != sizeof(TRAILER) - 1)
		return false;
	for (i = 0; i < e->name_len; i++)
		if (e->name[i] != t[i])
			return false;
	return true;
}

/* 070702 archives carry the 32-bit sum of the data's bytes. */
static uint32_t data_sum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;

	while (n--)
		s += *p++;
	return s;
}

int cpio_next(struct cpio_reader *r, struct cpio_entry *e)
{
	uint32_t f[F_COUNT];
	size_t hdr = r->off, data, end;
	bool with_check;
	int err;

	if (r->state != 1)
		return r->state;
	err = read_header(r, f, &with_check);
	if (!err)
		err = read_name(r, hdr, f[F_NAMESIZE], e);
	if (err)
		return err;
	/* The name fits, so hdr + HDR_LEN + namesize <= len: no overflow. */
	data = pad4(hdr + HDR_LEN + f[F_NAMESIZE]);
	if (!data || data > r->len)
		return fail(r, "truncated name padding", hdr);
	if (f[F_FILESIZE] > r->len - data)
		return fail(r, "data past the end", hdr);
	end = pad4(data + f[F_FILESIZE]);
	if (!end || end > r->len)
		return fail(r, "truncated data padding", hdr);
	e->data = r->buf + data;
	e->size = f[F_FILESIZE];
	if (with_check && data_sum(e->data, e->size) != f[F_CHECK])
		return fail(r, "checksum mismatch (070702)", hdr);
	e->ino = f[F_INO];
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->offset = hdr;
	r->off = end;
	if (is_trailer(e)) {
		r->state = 0;
		return 0;
	}
	return 1;
}

int cpio_check(struct cpio_reader *r, const void *buf, size_t len,
	       size_t *count)
{
	struct cpio_entry e;
	size_t n = 0;
	int rc;

	cpio_open(r, buf, len);
	while ((rc = cpio_next(r, &e)) == 1)
		n++;
	if (count)
		*count = n;
	return rc;
}
