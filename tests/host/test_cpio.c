/*
 * Tests of runtime/cpio.c (the newc reader) and runtime/ramfs_index.c
 * (the ramdisk's tree and path lookup). Archives are written here, byte by
 * byte, then read back: good ones with nested directories, empty files
 * and sizes that need padding; every truncation of one; and each kind of
 * malformed header. Truncated copies sit in buffers of their exact size,
 * so AddressSanitizer stops any read past the end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../runtime/cpio.h"
#include "../../runtime/ramfs_index.h"
#include "check.h"

#define AR_MAX 65536
#define HDR 110

struct ar {
	unsigned char b[AR_MAX];
	size_t len;
};

static void pad4(struct ar *a)
{
	while (a->len % 4)
		a->b[a->len++] = 0;
}

/* Append an entry; namesize is strlen(name) + 1 unless given (nonzero). */
static void put_raw(struct ar *a, const char *magic, const char *name,
		    size_t namesize, uint32_t mode, const void *data,
		    size_t size, uint32_t check)
{
	char h[HDR + 64];

	if (!namesize)
		namesize = strlen(name) + 1;
	snprintf(h, sizeof(h),
		 "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 magic, 7u, mode, 0u, 0u, 1u, 1700000000u, (unsigned)size, 0u,
		 0u, 0u, 0u, (unsigned)namesize, check);
	memcpy(a->b + a->len, h, HDR);
	a->len += HDR;
	memcpy(a->b + a->len, name, namesize);
	a->len += namesize;
	pad4(a);
	if (size)
		memcpy(a->b + a->len, data, size);
	a->len += size;
	pad4(a);
}

static void put(struct ar *a, const char *name, uint32_t mode, const void *data,
		size_t size)
{
	put_raw(a, "070701", name, 0, mode, data, size, 0);
}

static void put_file(struct ar *a, const char *name, const char *text)
{
	put(a, name, S_IFREG | 0644, text, strlen(text));
}

static void put_trailer(struct ar *a)
{
	put(a, "TRAILER!!!", 0, NULL, 0);
}

/* A good archive: nested directories, an empty file, sizes 1 to 7 (every
 * padding), a file in a directory only implied by its path. */
static void sample(struct ar *a)
{
	a->len = 0;
	put(a, ".", S_IFDIR | 0755, NULL, 0);
	put(a, "etc", S_IFDIR | 0750, NULL, 0);
	put_file(a, "etc/app.conf", "port=80\n");
	put_file(a, "./empty", "");
	put_file(a, "a/b/c/file", "deep");
	put_file(a, "s1", "1");
	put_file(a, "s2", "22");
	put_file(a, "s3", "333");
	put_file(a, "s5", "55555");
	put_file(a, "/s7", "7777777");
	put_trailer(a);
}

/* A copy of the first n bytes in a buffer of exactly n bytes. */
static unsigned char *exact(const struct ar *a, size_t n)
{
	unsigned char *p = malloc(n ? n : 1);

	memcpy(p, a->b, n);
	return p;
}

static int check_bytes(const void *buf, size_t n, struct cpio_reader *r)
{
	return cpio_check(r, buf, n, NULL);
}

static void walks_good_archive(void)
{
	static struct ar a;
	struct cpio_reader r;
	struct cpio_entry e;
	const char *names[] = {".",	     "etc", "etc/app.conf", "./empty",
			       "a/b/c/file", "s1",  "s2",	    "s3",
			       "s5",	     "/s7"};
	size_t i, n;

	sample(&a);
	cpio_open(&r, a.b, a.len);
	for (i = 0; i < 10; i++) {
		if (!CHECK_EQ_I64(cpio_next(&r, &e), 1))
			return;
		CHECK_STR(e.name, names[i]);
		CHECK_EQ_U64(e.name_len, strlen(names[i]));
	}
	CHECK_EQ_I64(cpio_next(&r, &e), 0);
	CHECK_EQ_I64(cpio_next(&r, &e), 0); /* stays at the end */
	CHECK_EQ_I64(cpio_check(&r, a.b, a.len, &n), 0);
	CHECK_EQ_U64(n, 10);
	/* The last file's data and attributes. */
	cpio_open(&r, a.b, a.len);
	while (cpio_next(&r, &e) == 1 && strcmp(e.name, "/s7"))
		;
	CHECK_EQ_U64(e.size, 7);
	CHECK_MEM(e.data, "7777777", 7);
	CHECK_EQ_U64(e.mode, S_IFREG | 0644);
	CHECK_EQ_U64(e.mtime, 1700000000u);
	CHECK_EQ_U64(e.ino, 7);
}

static void bytes_after_trailer_ignored(void)
{
	static struct ar a;
	struct cpio_reader r;

	sample(&a);
	memset(a.b + a.len, 0xee, 512); /* padding, or anything */
	CHECK_EQ_I64(check_bytes(a.b, a.len + 512, &r), 0);
}

static void every_truncation_rejected(void)
{
	static struct ar a;
	struct cpio_reader r;
	unsigned char *p;
	size_t n;

	sample(&a);
	for (n = 0; n < a.len; n++) {
		p = exact(&a, n);
		if (!CHECK_EQ_I64(check_bytes(p, n, &r), -EINVAL))
			FAIL("a prefix of %zu of %zu bytes was accepted", n,
			     a.len);
		else if (!CHECK(r.error != NULL && r.error_off <= n))
			FAIL("no reason or a bad offset for %zu bytes", n);
		free(p);
	}
	p = exact(&a, a.len);
	CHECK_EQ_I64(check_bytes(p, a.len, &r), 0);
	free(p);
}

/* The first entry with one header byte replaced. */
static int with_byte(size_t off, char c, struct cpio_reader *r)
{
	static struct ar a;

	sample(&a);
	a.b[off] = (unsigned char)c;
	return check_bytes(a.b, a.len, r);
}

static void bad_magic_and_hex(void)
{
	struct cpio_reader r;

	CHECK_EQ_I64(with_byte(5, '7', &r), -EINVAL); /* "070707": old */
	CHECK(strstr(r.error, "magic") != NULL);
	CHECK_EQ_U64(r.error_off, 0);
	CHECK_EQ_I64(with_byte(0, 'x', &r), -EINVAL);
	CHECK_EQ_I64(with_byte(6 + 8 * 3 + 2, 'g', &r), -EINVAL);
	CHECK(strstr(r.error, "hexadecimal") != NULL);
	CHECK_EQ_U64(r.error_off, 6 + 8 * 3);
	CHECK_EQ_I64(with_byte(6 + 8 * 12 + 7, ' ', &r), -EINVAL);
	/* Either case of hex digits is fine. */
	CHECK_EQ_I64(with_byte(6 + 8 * 1 + 7, 'd', &r), 0);
}

static int single(const char *magic, const char *name, size_t namesize,
		  const void *data, size_t size, uint32_t check,
		  struct cpio_reader *r)
{
	static struct ar a;

	a.len = 0;
	put_raw(&a, magic, name, namesize, S_IFREG | 0644, data, size, check);
	put_trailer(&a);
	return check_bytes(a.b, a.len, r);
}

static void bad_names(void)
{
	struct cpio_reader r;

	CHECK_EQ_I64(single("070701", "", 1, "x", 1, 0, &r), -EINVAL);
	CHECK_STR(r.error, "empty name");
	/* namesize 0: a 0-length name without even its NUL. */
	CHECK_EQ_I64(single("070701", "", 0, NULL, 0, 0, &r), -EINVAL);
	{
		static struct ar a;

		a.len = 0;
		put_raw(&a, "070701", "abc", 3, S_IFREG, NULL, 0, 0);
		put_trailer(&a);
		CHECK_EQ_I64(check_bytes(a.b, a.len, &r), -EINVAL);
		CHECK_STR(r.error, "name not terminated by NUL");
		a.len = 0;
		put_raw(&a, "070701", "a\0c", 4, S_IFREG, NULL, 0, 0);
		put_trailer(&a);
		CHECK_EQ_I64(check_bytes(a.b, a.len, &r), -EINVAL);
		CHECK_STR(r.error, "NUL inside name");
	}
}

static void bad_sizes(void)
{
	static struct ar a;
	struct cpio_reader r;
	char h[9];

	/* A file size far past the end. */
	sample(&a);
	snprintf(h, sizeof(h), "%08X", 0x7fffffffu);
	memcpy(a.b + 6 + 8 * 6, h, 8);
	CHECK_EQ_I64(check_bytes(a.b, a.len, &r), -EINVAL);
	CHECK_STR(r.error, "data past the end");
	/* A name size past the end. */
	sample(&a);
	memcpy(a.b + 6 + 8 * 11, "FFFFFFFF", 8);
	CHECK_EQ_I64(check_bytes(a.b, a.len, &r), -EINVAL);
	CHECK_STR(r.error, "name past the end");
}

static void missing_trailer(void)
{
	static struct ar a;
	struct cpio_reader r;

	a.len = 0;
	put_file(&a, "one", "1");
	put_file(&a, "two", "22");
	CHECK_EQ_I64(check_bytes(a.b, a.len, &r), -EINVAL);
	CHECK_STR(r.error, "no TRAILER!!! entry");
	CHECK_EQ_U64(r.error_off, a.len);
	CHECK_EQ_I64(check_bytes(a.b, 0, &r), -EINVAL);
}

static void crc_format(void)
{
	struct cpio_reader r;

	/* "abc": 97 + 98 + 99 = 294 */
	CHECK_EQ_I64(single("070702", "f", 0, "abc", 3, 294, &r), 0);
	CHECK_EQ_I64(single("070702", "f", 0, "abc", 3, 295, &r), -EINVAL);
	CHECK(r.error && strstr(r.error, "checksum"));
	/* 070701 ignores the field. */
	CHECK_EQ_I64(single("070701", "f", 0, "abc", 3, 295, &r), 0);
}

/* --- The index ---------------------------------------------------------- */

static char skipped[1024];

static void note_skip(const char *name, const char *why)
{
	size_t n = strlen(skipped);

	snprintf(skipped + n, sizeof(skipped) - n, "%s: %s;", name, why);
}

static int build(struct ramfs *fs, const struct ar *a)
{
	struct cpio_reader r;

	skipped[0] = '\0';
	return ramfs_build(fs, a->b, a->len, &r, note_skip);
}

static const struct ramfs_node *look(const struct ramfs *fs, const char *p)
{
	const struct ramfs_node *n = NULL;

	return ramfs_lookup(fs, p, &n) ? NULL : n;
}

static void index_paths(void)
{
	static struct ar a;
	struct ramfs fs;
	const struct ramfs_node *n, *m;

	sample(&a);
	if (!CHECK_EQ_I64(build(&fs, &a), 0))
		return;
	CHECK_STR(skipped, "");
	CHECK_EQ_U64(fs.files, 8);
	CHECK_EQ_U64(fs.dirs, 4); /* etc a a/b a/b/c */
	CHECK_EQ_U64(fs.bytes, 8 + 0 + 4 + 1 + 2 + 3 + 5 + 7);
	n = look(&fs, "/etc/app.conf");
	if (CHECK(n)) {
		CHECK_EQ_U64(n->size, 8);
		CHECK_MEM(n->data, "port=80\n", 8);
		CHECK_EQ_U64(n->mode, S_IFREG | 0644);
	}
	CHECK(look(&fs, "etc/app.conf") == n);
	CHECK(look(&fs, "./etc//app.conf") == n);
	CHECK(look(&fs, "/a/b/../../etc/./app.conf") == n);
	CHECK(look(&fs, "/../etc/app.conf") == n);
	m = look(&fs, "/etc/");
	CHECK(m && ramfs_is_dir(m) && m->mode == (S_IFDIR | 0750));
	CHECK(look(&fs, "/") == &fs.root && look(&fs, ".") == &fs.root);
	n = look(&fs, "a/b");
	CHECK(n && n->mode == (S_IFDIR | 0755)); /* implied */
	CHECK(n && ramfs_nlink(n) == 3);
	CHECK_EQ_U64(ramfs_nlink(&fs.root), 4);
	n = look(&fs, "empty");
	CHECK(n && n->size == 0 && ramfs_nlink(n) == 1);
	CHECK(look(&fs, "s7") != NULL);
	ramfs_free(&fs);
}

static void index_errors(void)
{
	static struct ar a;
	struct ramfs fs;
	const struct ramfs_node *n;
	char longname[300];

	sample(&a);
	if (!CHECK_EQ_I64(build(&fs, &a), 0))
		return;
	CHECK_EQ_I64(ramfs_lookup(&fs, "/nope", &n), -ENOENT);
	CHECK_EQ_I64(ramfs_lookup(&fs, "", &n), -ENOENT);
	CHECK_EQ_I64(ramfs_lookup(&fs, "/etc/nope/x", &n), -ENOENT);
	CHECK_EQ_I64(ramfs_lookup(&fs, "/s1/x", &n), -ENOTDIR);
	CHECK_EQ_I64(ramfs_lookup(&fs, "/s1/", &n), -ENOTDIR);
	CHECK_EQ_I64(ramfs_lookup(&fs, "/s1/.", &n), -ENOTDIR);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	CHECK_EQ_I64(ramfs_lookup(&fs, longname, &n), -ENAMETOOLONG);
	ramfs_free(&fs);
}

static void index_sorted_children(void)
{
	static struct ar a;
	struct ramfs fs;
	const struct ramfs_node *c;
	char got[64] = "";

	a.len = 0;
	put_file(&a, "d/b", "");
	put_file(&a, "d/ab", "");
	put_file(&a, "d/a", "");
	put_file(&a, "d/c", "");
	put_trailer(&a);
	if (!CHECK_EQ_I64(build(&fs, &a), 0))
		return;
	for (c = look(&fs, "d")->children; c; c = c->next) {
		strncat(got, c->name, c->name_len);
		strcat(got, ",");
	}
	CHECK_STR(got, "a,ab,b,c,");
	ramfs_free(&fs);
}

static void index_skips_and_duplicates(void)
{
	static struct ar a;
	struct ramfs fs;
	const struct ramfs_node *n;

	a.len = 0;
	put_file(&a, "f", "old");
	put(&a, "link", S_IFLNK | 0777, "f", 1);
	put_file(&a, "../up", "x");
	put_file(&a, "f/under", "x");
	put(&a, "f", S_IFDIR | 0755, NULL, 0);
	put(&a, "dev", S_IFCHR | 0600, NULL, 0);
	put_file(&a, "f", "newer");
	put(&a, "empty", S_IFLNK | 0777, NULL, 0);
	put_file(&a, "link", "a file where a link is");
	put_trailer(&a);
	if (!CHECK_EQ_I64(build(&fs, &a), 0))
		return;
	CHECK_STR(skipped, "../up: a \"..\" in the path;"
			   "f/under: a parent is a file;"
			   "f: a file of that name exists;"
			   "dev: not a file, directory or symbolic link;"
			   "empty: a symbolic link's target is empty, too long "
			   "or has a NUL;"
			   "link: a file of that name exists;");
	n = look(&fs, "f");
	if (CHECK(n)) {
		CHECK_EQ_U64(n->size, 5); /* last wins */
		CHECK_MEM(n->data, "newer", 5);
	}
	CHECK_EQ_U64(fs.files, 1);
	CHECK_EQ_U64(fs.bytes, 5);
	/* A symbolic link is kept, its target as its data. */
	n = look(&fs, "link");
	if (CHECK(n)) {
		CHECK(ramfs_is_link(n));
		CHECK_EQ_U64(n->size, 1);
		CHECK_MEM(n->data, "f", 1);
	}
	CHECK_EQ_U64(fs.links, 1);
	ramfs_free(&fs);
}

static void index_rejects_malformed(void)
{
	static struct ar a;
	struct ramfs fs;
	struct cpio_reader r;

	sample(&a);
	CHECK_EQ_I64(ramfs_build(&fs, a.b, a.len - 1, &r, NULL), -EINVAL);
	CHECK(r.error != NULL);
	CHECK(fs.root.children == NULL && fs.files == 0);
	ramfs_free(&fs);
}

CHECK_MAIN("cpio", CHECK_TEST(walks_good_archive),
	   CHECK_TEST(bytes_after_trailer_ignored),
	   CHECK_TEST(every_truncation_rejected), CHECK_TEST(bad_magic_and_hex),
	   CHECK_TEST(bad_names), CHECK_TEST(bad_sizes),
	   CHECK_TEST(missing_trailer), CHECK_TEST(crc_format),
	   CHECK_TEST(index_paths), CHECK_TEST(index_errors),
	   CHECK_TEST(index_sorted_children),
	   CHECK_TEST(index_skips_and_duplicates),
	   CHECK_TEST(index_rejects_malformed))
