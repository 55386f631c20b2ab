/*
 * The fake xenstore's key table (fake_store.h), shared by the tests of
 * xen/xenbus.c and of the frontend skeleton.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <kernel/errno.h>

#include "fake_store.h"

#define KEYS 64

static struct {
	struct {
		char path[128];
		char value[96];
	} k[KEYS];
	int n;
} st;

void store_clear(void)
{
	st.n = 0;
}

static int find(const char *path)
{
	int i;

	for (i = 0; i < st.n; i++)
		if (!strcmp(st.k[i].path, path))
			return i;
	return -1;
}

void store_put(const char *path, const char *value)
{
	int i = find(path);

	if (i < 0) {
		if (st.n == KEYS)
			return; /* a test that needs more is wrong */
		i = st.n++;
		snprintf(st.k[i].path, sizeof(st.k[i].path), "%s", path);
	}
	snprintf(st.k[i].value, sizeof(st.k[i].value), "%s", value);
}

const char *store_get(const char *path)
{
	int i = find(path);

	return i < 0 ? NULL : st.k[i].value;
}

int store_read(const char *path, char *buf, size_t len)
{
	const char *v = store_get(path);

	if (!v)
		return -ENOENT;
	snprintf(buf, len, "%s", v);
	return (int)strlen(v);
}

void store_rm(const char *dir)
{
	size_t len = strlen(dir);
	int i;

	for (i = 0; i < st.n; i++)
		if (!strncmp(st.k[i].path, dir, len) &&
		    st.k[i].path[len] == '/')
			st.k[i--] = st.k[--st.n];
}

/* Whether name (len bytes) is among names[0..n). */
static bool listed(const char *const *names, int n, const char *name,
		   size_t len)
{
	int i;

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && !strncmp(names[i], name, len))
			return true;
	return false;
}

int store_directory(const char *path, char *buf, size_t len, const char **names,
		    int max)
{
	size_t plen = strlen(path), used = 0;
	const char *all[KEYS];
	int i, n = 0;

	for (i = 0; i < st.n; i++) {
		const char *c = st.k[i].path + plen + 1;
		size_t clen;

		if (strncmp(st.k[i].path, path, plen) || c[-1] != '/')
			continue;
		clen = strcspn(c, "/");
		if (listed(all, n, c, clen))
			continue;
		if (used + clen + 1 > len)
			return -E2BIG;
		memcpy(buf + used, c, clen);
		buf[used + clen] = '\0';
		all[n] = buf + used;
		if (n < max)
			names[n] = buf + used;
		used += clen + 1;
		n++;
	}
	return n ? n : -ENOENT;
}
