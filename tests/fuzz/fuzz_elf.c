/*
 * Fuzzer of the Linux-binary port's ELF reader (runtime/linux/elf.c) and
 * symbolizer (elf_sym.c): the input is the file, in a heap block of
 * exactly its size. What elf_parse() accepts must be loadable as
 * described: PT_LOAD segments in ascending, non-overlapping order inside
 * the user half above ELF_USER_MIN, file bytes inside the file and no
 * more than the memory size, the entry in an executable segment, a
 * terminated reason otherwise. Symbols found for addresses of the image
 * must be terminated strings inside the file.
 */
#include <kernel/errno.h>

#include "../../runtime/linux/elf.h"
#include "fuzz_input.h"

static void check_loads(const struct elf_image *im, size_t size)
{
	bool entry_ok = false;
	unsigned int i;

	FUZZ_ASSERT(im->nloads >= 1 && im->nloads <= ELF_MAX_LOADS);
	for (i = 0; i < im->nloads; i++) {
		const struct elf_load *l = &im->loads[i];

		FUZZ_ASSERT(l->filesz <= l->memsz);
		FUZZ_ASSERT(l->offset <= size && l->filesz <= size - l->offset);
		FUZZ_ASSERT(l->vaddr >= ELF_USER_MIN);
		FUZZ_ASSERT(l->vaddr < ELF_USER_END &&
			    l->memsz <= ELF_USER_END - l->vaddr);
		if (i)
			FUZZ_ASSERT(im->loads[i - 1].vaddr +
					im->loads[i - 1].memsz <=
				    l->vaddr);
		if ((l->prot & ELF_PROT_EXEC) && im->entry >= l->vaddr &&
		    im->entry - l->vaddr < l->memsz)
			entry_ok = true;
	}
	FUZZ_ASSERT(entry_ok);
	FUZZ_ASSERT(im->lo <= im->loads[0].vaddr && im->lo < im->hi);
	FUZZ_ASSERT(im->hi <= ELF_USER_END && !(im->lo & 4095) &&
		    !(im->hi & 4095));
	if (im->tls_memsz)
		FUZZ_ASSERT(im->tls_filesz <= im->tls_memsz);
}

static void check_symbol(const uint8_t *file, size_t size, uint64_t addr)
{
	const char *name = NULL;
	uint64_t off = 0;
	int rc = elf_symbolize(file, size, addr, &name, &off);

	FUZZ_ASSERT(rc == 0 || rc == -ENOENT || rc == -EINVAL);
	if (rc)
		return;
	FUZZ_ASSERT(name >= (const char *)file &&
		    name < (const char *)file + size);
	FUZZ_ASSERT(memchr(name, 0,
			   (size_t)((const char *)file + size - name)) != NULL);
	FUZZ_ASSERT(off <= addr);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *file = malloc(size ? size : 1);
	struct elf_image im;
	char why[80];
	unsigned int i;
	int rc;

	memcpy(file, data, size);
	memset(why, 'x', sizeof(why));
	rc = elf_parse(file, size, &im, why, sizeof(why));
	if (rc) {
		FUZZ_ASSERT(rc == -ENOEXEC || rc == -EINVAL);
		FUZZ_ASSERT(memchr(why, 0, sizeof(why)) != NULL);
		check_symbol(file, size, 0x401000);
	} else {
		check_loads(&im, size);
		check_symbol(file, size, im.entry - im.bias);
		for (i = 0; i < im.nloads; i++)
			check_symbol(file, size,
				     im.loads[i].vaddr - im.bias +
					 im.loads[i].memsz / 2);
	}
	free(file);
	return 0;
}
