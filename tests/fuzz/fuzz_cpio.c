/*
 * Fuzzer of the ramdisk's reader (runtime/cpio.c) and the tree built from
 * it (runtime/ramfs_index.c): the input is the archive, in a heap block
 * of exactly its size. Every entry cpio_next() returns must point inside
 * the archive (its name NUL-terminated there); a malformed archive gives
 * -EINVAL with a reason and an offset inside it, and keeps giving it.
 * An archive cpio_check() accepts must build into a tree whose every
 * node's data lies inside the archive, and every entry's name must then
 * resolve (or fail with an errno the lookup documents).
 */
#include <errno.h>

#include "../../runtime/cpio.h"
#include "../../runtime/ramfs_index.h"
#include "fuzz_input.h"

static const uint8_t *arc;
static size_t arc_len;

static bool inside(const void *p, size_t n)
{
	const uint8_t *b = p;

	return b >= arc && b <= arc + arc_len &&
	       n <= (size_t)(arc + arc_len - b);
}

/* Walk every entry; returns cpio_next()'s final result. */
static int walk(void)
{
	struct cpio_reader r;
	struct cpio_entry e;
	int rc;

	cpio_open(&r, arc, arc_len);
	while ((rc = cpio_next(&r, &e)) == 1) {
		FUZZ_ASSERT(e.name_len >= 1 && inside(e.name, e.name_len + 1));
		FUZZ_ASSERT(e.name[e.name_len] == '\0');
		FUZZ_ASSERT(e.size == 0 || inside(e.data, e.size));
		FUZZ_ASSERT(e.offset < arc_len);
	}
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL);
	if (rc == -EINVAL)
		FUZZ_ASSERT(r.error && r.error_off <= arc_len);
	FUZZ_ASSERT(cpio_next(&r, &e) == rc);
	return rc;
}

static void check_tree(const struct ramfs_node *n, int depth)
{
	const struct ramfs_node *c;

	FUZZ_ASSERT(depth < 4096);
	if (n->name_len)
		FUZZ_ASSERT(inside(n->name, n->name_len));
	if (n->size)
		FUZZ_ASSERT(inside(n->data, n->size));
	for (c = n->children; c; c = c->next) {
		FUZZ_ASSERT(c->parent == n);
		check_tree(c, depth + 1);
	}
}

static void lookups(const struct ramfs *fs)
{
	const struct ramfs_node *n;
	struct cpio_reader r;
	struct cpio_entry e;
	int rc;

	cpio_open(&r, arc, arc_len);
	while (cpio_next(&r, &e) == 1) {
		rc = ramfs_lookup(fs, e.name, &n);
		FUZZ_ASSERT(rc == 0 || rc == -ENOENT || rc == -ENOTDIR ||
			    rc == -ENAMETOOLONG);
		if (!rc && n->name_len)
			FUZZ_ASSERT(inside(n->name, n->name_len));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	struct cpio_reader r;
	struct ramfs fs;
	size_t count;
	int rc;

	memcpy(buf, data, size);
	arc = buf;
	arc_len = size;
	rc = walk();
	FUZZ_ASSERT(cpio_check(&r, buf, size, &count) == rc);
	rc = ramfs_build(&fs, buf, size, &r, NULL);
	FUZZ_ASSERT(rc == 0 || rc == -EINVAL || rc == -ENOMEM);
	if (!rc) {
		check_tree(&fs.root, 0);
		lookups(&fs);
		ramfs_free(&fs);
	}
	free(buf);
	return 0;
}
