/*
 * elfcheck: the build-time check of an app's Linux binary. Runs the same
 * ELF reader the guest uses (runtime/linux/elf.c, built for the host) on a
 * file, and either prints one line describing it or says why Skiff cannot
 * run it and fails, so that the build stops with the file's name and the
 * reason (docs/linux-binaries.md).
 *   usage: elfcheck [-q] FILE
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/linux/elf.h"

/* The whole file in memory, or NULL with a message. */
static unsigned char *read_file(const char *path, size_t *size)
{
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, got;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(stderr, "error: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	do {
		if (n == cap) {
			cap = cap ? cap * 2 : 1 << 20;
			buf = realloc(buf, cap);
			if (!buf) {
				fprintf(stderr, "error: %s: out of memory\n",
					path);
				fclose(f);
				return NULL;
			}
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	fclose(f);
	*size = n;
	return buf;
}

static void describe(const char *path, const void *file, size_t size,
		     const struct elf_image *img)
{
	const char *name;
	uint64_t off;
	bool syms =
	    elf_symbolize(file, size, img->entry - img->bias, &name, &off) == 0;

	printf("  ELF     %s: static x86-64 Linux executable%s, entry 0x%llx, "
	       "%u segments at 0x%llx-0x%llx%s\n",
	       path, img->pie ? " (position-independent)" : "",
	       (unsigned long long)img->entry, img->nloads,
	       (unsigned long long)img->lo, (unsigned long long)img->hi,
	       syms ? ", symbols" : ", no symbol table");
}

int main(int argc, char **argv)
{
	struct elf_image img;
	bool quiet = argc == 3 && !strcmp(argv[1], "-q");
	const char *path = argv[argc - 1];
	unsigned char *file;
	char why[200];
	size_t size = 0;

	if (argc != 2 && !quiet) {
		fprintf(stderr, "usage: elfcheck [-q] FILE\n");
		return 2;
	}
	file = read_file(path, &size);
	if (!file)
		return 1;
	if (elf_parse(file, size, &img, why, sizeof(why)) < 0) {
		fprintf(stderr,
			"error: %s: Skiff runs only static x86-64 Linux "
			"executables: %s\n",
			path, why);
		free(file);
		return 1;
	}
	if (!quiet)
		describe(path, file, size, &img);
	free(file);
	return 0;
}
