/*
 * The xenstore operations of <skiff/xenstore.h>: each builds the payload
 * the protocol wants (strings with or without their NUL) and checks what
 * comes back. Replies are untrusted: lists are split only when properly
 * terminated, permission words and transaction ids are parsed strictly.
 */
#include <kernel/errno.h>
#include <kernel/string.h>

#include "xs_priv.h"

/* A path as the first payload string, NUL included. */
static struct xs_part path_part(const char *path)
{
	return (struct xs_part){path, strlen(path) + 1};
}

/* A request whose reply is just "OK": 0 or a negative errno. */
static int simple(uint32_t type, xs_transaction_t t, const char *path)
{
	struct xs_part p = path_part(path);
	int rc = xs_request(type, t, &p, 1, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xs_tx_read(xs_transaction_t t, const char *path, char *buf, size_t len)
{
	struct xs_part p = path_part(path);

	return xs_request(XS_READ, t, &p, 1, buf, len);
}

int xs_tx_write(xs_transaction_t t, const char *path, const char *value)
{
	/* The value goes without its NUL: its length is the payload's. */
	struct xs_part p[2] = {path_part(path), {value, strlen(value)}};
	int rc = xs_request(XS_WRITE, t, p, 2, NULL, 0);

	return rc < 0 ? rc : 0;
}

int xs_tx_mkdir(xs_transaction_t t, const char *path)
{
	return simple(XS_MKDIR, t, path);
}

int xs_tx_rm(xs_transaction_t t, const char *path)
{
	return simple(XS_RM, t, path);
}

int xs_read(const char *path, char *buf, size_t len)
{
	return xs_tx_read(XS_NO_TRANSACTION, path, buf, len);
}

int xs_write(const char *path, const char *value)
{
	return xs_tx_write(XS_NO_TRANSACTION, path, value);
}

int xs_mkdir(const char *path)
{
	return xs_tx_mkdir(XS_NO_TRANSACTION, path);
}

int xs_rm(const char *path)
{
	return xs_tx_rm(XS_NO_TRANSACTION, path);
}

int xs_directory(const char *path, char *buf, size_t len, const char **names,
		 int max)
{
	struct xs_part p = path_part(path);
	int rc = xs_request(XS_DIRECTORY, XS_NO_TRANSACTION, &p, 1, buf, len);

	if (rc < 0)
		return rc;
	if ((size_t)rc >= len)
		return -E2BIG; /* a cut list cannot be split */
	rc = xs_wire_split(buf, (size_t)rc, names, max);
	return rc == -EBADMSG ? -EIO : rc;
}

int xs_get_perms(const char *path, struct xs_perm *perms, int max)
{
	char buf[XENSTORE_PAYLOAD_MAX + 1];
	struct xs_part p = path_part(path);
	size_t off = 0, len;
	int rc, count = 0;

	rc = xs_request(XS_GET_PERMS, XS_NO_TRANSACTION, &p, 1, buf,
			sizeof(buf));
	if (rc < 0)
		return rc;
	len = (size_t)rc;
	if (len == 0 || buf[len - 1] != '\0')
		return -EIO;
	for (; off < len; off += strlen(buf + off) + 1, count++) {
		struct xs_perm tmp;

		if (xs_wire_perm_parse(buf + off, &tmp))
			return -EIO;
		if (count < max)
			perms[count] = tmp;
	}
	return count;
}

int xs_set_perms(const char *path, const struct xs_perm *perms, int n)
{
	char words[XENSTORE_PAYLOAD_MAX];
	struct xs_part p[2] = {path_part(path), {words, 0}};
	int len, rc;

	if (n < 1)
		return -EINVAL;
	len = xs_wire_perms_format(words, sizeof(words), perms, n);
	if (len < 0)
		return len;
	p[1].len = (size_t)len;
	rc = xs_request(XS_SET_PERMS, XS_NO_TRANSACTION, p, 2, NULL, 0);
	return rc < 0 ? rc : 0;
}
