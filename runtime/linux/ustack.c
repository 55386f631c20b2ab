/*
 * The initial process stack (ustack.h). From the top (user_end) down:
 * an 8-byte zero end marker, the strings (argv, envp, AT_EXECFN,
 * AT_PLATFORM), the 16 random bytes on a 16-byte boundary, then the
 * vector of words: argc, argv[], NULL, envp[], NULL, auxv pairs. The
 * vector is placed so that its start, the entry rsp, is 16-byte aligned,
 * as the ABI requires at a process's entry point.
 */
#include <kernel/errno.h>
#include <kernel/string.h>
#include <kernel/types.h>

#include "ustack.h"

#define PLATFORM "x86_64"
#define END_MARKER 8

/* Where things go: a cursor over the buffer by user address. */
struct layout {
	unsigned char *buf;
	uint64_t base;	     /* user address of buf[0] */
	uint64_t str;	     /* next string's user address */
	unsigned char *word; /* next word of the vector */
};

static bool info_valid(const struct ustack_info *info)
{
	int i;

	if (info->argc < 0 || info->envc < 0 || !info->random ||
	    (info->argc && !info->argv) || (info->envc && !info->envp))
		return false;
	for (i = 0; i < info->argc; i++)
		if (!info->argv[i])
			return false;
	for (i = 0; i < info->envc; i++)
		if (!info->envp[i])
			return false;
	return true;
}

static const char *execfn_of(const struct ustack_info *info)
{
	if (info->execfn)
		return info->execfn;
	return info->argc ? info->argv[0] : "";
}

/* Bytes of all strings with their NULs. */
static size_t strings_size(const struct ustack_info *info)
{
	size_t n = strlen(execfn_of(info)) + 1 + sizeof(PLATFORM);
	int i;

	for (i = 0; i < info->argc; i++)
		n += strlen(info->argv[i]) + 1;
	for (i = 0; i < info->envc; i++)
		n += strlen(info->envp[i]) + 1;
	return n;
}

/* Words of the vector: argc, argv + NULL, envp + NULL, auxv. */
static size_t vector_words(const struct ustack_info *info)
{
	return 1 + (size_t)info->argc + 1 + (size_t)info->envc + 1 +
	       2 * (USTACK_NAUXV - (info->sysinfo_ehdr ? 0 : 1));
}

size_t ustack_size(const struct ustack_info *info)
{
	if (!info_valid(info))
		return 0;
	/* 15 bytes of padding at most below the strings (for the random
	 * bytes' alignment) and 8 below the vector (for rsp's). */
	return END_MARKER + strings_size(info) + 15 + USTACK_RANDOM_LEN +
	       vector_words(info) * 8 + 8;
}

/* Copy s to the next string slot; returns its user address. */
static uint64_t put_string(struct layout *l, const char *s)
{
	size_t n = strlen(s) + 1;
	uint64_t at = l->str;

	memcpy(l->buf + (at - l->base), s, n);
	l->str += n;
	return at;
}

static void put_word(struct layout *l, uint64_t v)
{
	memcpy(l->word, &v, sizeof(v));
	l->word += sizeof(v);
}

static void put_aux(struct layout *l, uint64_t type, uint64_t v)
{
	put_word(l, type);
	put_word(l, v);
}

/* The auxiliary vector; USTACK_NAUXV entries with AT_NULL (one fewer
 * without a vDSO). */
static void put_auxv(struct layout *l, const struct ustack_info *info,
		     uint64_t random, uint64_t platform, uint64_t execfn)
{
	put_aux(l, AT_PHDR, info->phdr);
	put_aux(l, AT_PHENT, info->phent);
	put_aux(l, AT_PHNUM, info->phnum);
	put_aux(l, AT_PAGESZ, USTACK_PAGE_SIZE);
	put_aux(l, AT_BASE, 0); /* no interpreter */
	put_aux(l, AT_FLAGS, 0);
	put_aux(l, AT_ENTRY, info->entry);
	put_aux(l, AT_UID, 0);
	put_aux(l, AT_EUID, 0);
	put_aux(l, AT_GID, 0);
	put_aux(l, AT_EGID, 0);
	put_aux(l, AT_SECURE, 0);
	put_aux(l, AT_RANDOM, random);
	put_aux(l, AT_HWCAP, info->hwcap);
	put_aux(l, AT_CLKTCK, USTACK_CLKTCK);
	put_aux(l, AT_PLATFORM, platform);
	put_aux(l, AT_EXECFN, execfn);
	if (info->sysinfo_ehdr)
		put_aux(l, AT_SYSINFO_EHDR, info->sysinfo_ehdr);
	put_aux(l, AT_NULL, 0);
}

int ustack_build(void *buf, size_t size, uint64_t user_end,
		 const struct ustack_info *info, uint64_t *rsp)
{
	struct layout l = {.buf = buf, .base = user_end - size};
	uint64_t str_lo, random, platform, execfn, sp;
	size_t words;
	int i;

	if (user_end % 16 || size > user_end || !info_valid(info))
		return -EINVAL;
	/* ustack_size() is an upper bound of what follows; checking it once
	 * keeps every address below inside the buffer. */
	if (ustack_size(info) > size)
		return -E2BIG;
	str_lo = user_end - END_MARKER - strings_size(info);
	random = ALIGN_DOWN(str_lo - USTACK_RANDOM_LEN, 16);
	words = vector_words(info);
	sp = ALIGN_DOWN(random - words * 8, 16);

	/* Zero all of it: the end marker and the alignment padding. */
	memset(l.buf + (sp - l.base), 0, user_end - sp);
	memcpy(l.buf + (random - l.base), info->random, USTACK_RANDOM_LEN);
	l.str = str_lo;
	l.word = l.buf + (sp - l.base);
	put_word(&l, (uint64_t)info->argc);
	for (i = 0; i < info->argc; i++)
		put_word(&l, put_string(&l, info->argv[i]));
	put_word(&l, 0);
	for (i = 0; i < info->envc; i++)
		put_word(&l, put_string(&l, info->envp[i]));
	put_word(&l, 0);
	execfn = put_string(&l, execfn_of(info));
	platform = put_string(&l, PLATFORM);
	put_auxv(&l, info, random, platform, execfn);
	*rsp = sp;
	return 0;
}
