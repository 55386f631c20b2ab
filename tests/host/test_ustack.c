/*
 * Tests of runtime/linux/ustack.c (the initial process stack). Each built
 * stack is read back the way a C library's start-up code reads it (argc at
 * rsp, argv, NULL, envp, NULL, auxv pairs to AT_NULL) through user
 * addresses, and every value, string, pointer and alignment is checked.
 * Buffers have their exact size (AddressSanitizer sees any write past
 * them) and are filled with a pattern that must survive below rsp.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/linux/ustack.h"
#include "check.h"

#define USER_END 0x7ffffffff000ULL
#define FILL 0xcc

static const uint8_t rnd[USTACK_RANDOM_LEN] = {1, 2,  3,  4,  5,  6,  7,  8,
					       9, 10, 11, 12, 13, 14, 15, 16};

/* A built stack: the buffer and the user address of its end. */
struct stack {
	unsigned char *buf;
	size_t size;
	uint64_t end;
};

/* The host pointer for len bytes at user address a, or NULL if they are
 * not all inside the stack. */
static const unsigned char *at(const struct stack *s, uint64_t a, size_t len)
{
	uint64_t base = s->end - s->size;

	if (a < base || a > s->end || len > s->end - a)
		return NULL;
	return s->buf + (a - base);
}

static bool word(const struct stack *s, uint64_t a, uint64_t *v)
{
	const unsigned char *p = at(s, a, 8);

	if (!CHECK(p))
		return false;
	memcpy(v, p, 8);
	return true;
}

/* The string at user address a, checked to be terminated inside. */
static const char *string(const struct stack *s, uint64_t a)
{
	const unsigned char *p = at(s, a, 1);

	if (!CHECK(p) || !CHECK(memchr(p, 0, s->end - a)))
		return NULL;
	return (const char *)p;
}

/* Read the vector of n strings at *a, then its NULL; check them. */
static bool strings(const struct stack *s, uint64_t *a, int n,
		    const char *const *want, uint64_t *lowest)
{
	uint64_t v;
	int i;

	for (i = 0; i < n; i++, *a += 8) {
		if (!word(s, *a, &v) || !CHECK_STR(string(s, v), want[i]))
			return false;
		if (v < *lowest)
			*lowest = v;
	}
	if (!word(s, *a, &v) || !CHECK_EQ_U64(v, 0))
		return false;
	*a += 8;
	return true;
}

/* The auxiliary vector: every entry once, with the expected value. */
static bool auxv(const struct stack *s, uint64_t a,
		 const struct ustack_info *info, uint64_t *vec_end)
{
	uint64_t type, v, seen = 0, platform = 0, random = 0, execfn = 0;
	const char *fn;
	int n;

	for (n = 0; n < 64; n++, a += 16) {
		if (!word(s, a, &type) || !word(s, a + 8, &v))
			return false;
		if (type == AT_NULL)
			break;
		if (!CHECK(type < 64) || !CHECK(!(seen & (1ULL << type))))
			return false;
		seen |= 1ULL << type;
		switch (type) {
		case AT_PHDR:
			CHECK_EQ_U64(v, info->phdr);
			break;
		case AT_PHENT:
			CHECK_EQ_U64(v, info->phent);
			break;
		case AT_PHNUM:
			CHECK_EQ_U64(v, info->phnum);
			break;
		case AT_ENTRY:
			CHECK_EQ_U64(v, info->entry);
			break;
		case AT_PAGESZ:
			CHECK_EQ_U64(v, 4096);
			break;
		case AT_CLKTCK:
			CHECK_EQ_U64(v, 100);
			break;
		case AT_HWCAP:
			CHECK_EQ_U64(v, info->hwcap);
			break;
		case AT_RANDOM:
			random = v;
			break;
		case AT_PLATFORM:
			platform = v;
			break;
		case AT_EXECFN:
			execfn = v;
			break;
		case AT_SYSINFO_EHDR:
			CHECK(v != 0);
			CHECK_EQ_U64(v, info->sysinfo_ehdr);
			break;
		default: /* ids, AT_SECURE, AT_BASE, AT_FLAGS */
			CHECK_EQ_U64(v, 0);
		}
	}
	*vec_end = a + 16;
	fn = info->execfn ? info->execfn : info->argc ? info->argv[0] : "";
	return CHECK_EQ_U64(n, USTACK_NAUXV - (info->sysinfo_ehdr ? 1 : 2)) &&
	       CHECK_EQ_U64(
		   seen,
		   (1ULL << AT_PHDR) | (1ULL << AT_PHENT) | (1ULL << AT_PHNUM) |
		       (1ULL << AT_PAGESZ) | (1ULL << AT_BASE) |
		       (1ULL << AT_FLAGS) | (1ULL << AT_ENTRY) |
		       (1ULL << AT_UID) | (1ULL << AT_EUID) | (1ULL << AT_GID) |
		       (1ULL << AT_EGID) | (1ULL << AT_SECURE) |
		       (1ULL << AT_RANDOM) | (1ULL << AT_HWCAP) |
		       (1ULL << AT_CLKTCK) | (1ULL << AT_PLATFORM) |
		       (1ULL << AT_EXECFN) |
		       (info->sysinfo_ehdr ? 1ULL << AT_SYSINFO_EHDR : 0)) &&
	       CHECK_STR(string(s, platform), "x86_64") &&
	       CHECK_STR(string(s, execfn), fn) && CHECK(random % 16 == 0) &&
	       CHECK(at(s, random, 16)) &&
	       CHECK_MEM(at(s, random, 16), info->random, 16) &&
	       CHECK(random >= *vec_end);
}

/* Read the stack back as a libc start-up would and check all of it. */
static bool read_back(const struct stack *s, uint64_t rsp,
		      const struct ustack_info *info)
{
	uint64_t a = rsp + 8, argc, lowest = s->end, vec_end;
	const unsigned char *end_marker = at(s, s->end - 8, 8);
	static const unsigned char zero[8];
	size_t i;

	if (!CHECK(rsp % 16 == 0) || !word(s, rsp, &argc) ||
	    !CHECK_EQ_U64(argc, info->argc) ||
	    !strings(s, &a, info->argc, info->argv, &lowest) ||
	    !strings(s, &a, info->envc, info->envp, &lowest) ||
	    !auxv(s, a, info, &vec_end))
		return false;
	/* The strings lie above the vector, the marker at the very top. */
	for (i = 0; i < rsp - (s->end - s->size); i++)
		if (!CHECK_EQ_U64(s->buf[i], FILL))
			return false;
	return CHECK(lowest >= vec_end) && CHECK(end_marker) &&
	       CHECK_MEM(end_marker, zero, 8);
}

/* Build info into an exact-size buffer of size bytes. */
static int build(const struct ustack_info *info, size_t size, uint64_t *rsp,
		 struct stack *s)
{
	int rc;

	s->size = size;
	s->buf = malloc(s->size ? s->size : 1);
	s->end = USER_END;
	memset(s->buf, FILL, s->size);
	rc = ustack_build(s->buf, s->size, s->end, info, rsp);
	return rc;
}

static void init_info(struct ustack_info *info, int argc, const char **argv,
		      int envc, const char **envp)
{
	memset(info, 0, sizeof(*info));
	info->argc = argc;
	info->argv = argv;
	info->envc = envc;
	info->envp = envp;
	info->random = rnd;
	info->phdr = 0x400040;
	info->phent = 56;
	info->phnum = 7;
	info->entry = 0x401000;
	info->hwcap = 0x178bfbff;
	info->sysinfo_ehdr = 0x7fffffff1000;
}

static void check_build(const struct ustack_info *info)
{
	struct stack s;
	uint64_t rsp;

	if (CHECK_EQ_I64(build(info, ustack_size(info), &rsp, &s), 0))
		read_back(&s, rsp, info);
	free(s.buf);
}

static void no_args(void)
{
	struct ustack_info info;

	init_info(&info, 0, NULL, 0, NULL);
	check_build(&info);
	info.execfn = "/app";
	check_build(&info);
	info.sysinfo_ehdr = 0; /* no vDSO: no entry, and no room for one */
	check_build(&info);
}

static void args_and_env(void)
{
	const char *argv[] = {"go-hello", "-n", "3", "", "last word"};
	const char *envp[] = {"HOME=/", "PATH=/bin",
			      "GODEBUG=asyncpreemptoff=1"};
	struct ustack_info info;
	int n, e;

	/* Every count of arguments and environment, so that each parity of
	 * the vector's length (and so its padding) is seen. */
	for (n = 0; n <= 5; n++)
		for (e = 0; e <= 3; e++) {
			init_info(&info, n, argv, e, envp);
			check_build(&info);
		}
}

static void many_and_long(void)
{
	static char big[70000];
	const char *argv[300];
	struct ustack_info info;
	int i;

	memset(big, 'x', sizeof(big) - 1);
	for (i = 0; i < 300; i++)
		argv[i] = i % 7 ? "word" : big + (size_t)i * 200;
	init_info(&info, 300, argv, 300, argv);
	check_build(&info);
}

/* Every size below what ustack_size() says is -E2BIG and writes nothing;
 * that size and any larger one works. */
static void too_small_for(const struct ustack_info *info);

static void too_small(void)
{
	const char *argv[] = {"app", "a", "bb"};
	struct ustack_info info;

	init_info(&info, 3, argv, 1, argv);
	too_small_for(&info);
	info.sysinfo_ehdr = 0;
	too_small_for(&info);
}

static void too_small_for(const struct ustack_info *info)
{
	struct stack s;
	uint64_t rsp;
	size_t need, n, i;

	need = ustack_size(info);
	CHECK(need > 0);
	for (n = 0; n < need; n++) {
		rsp = 1;
		if (!CHECK_EQ_I64(build(info, n, &rsp, &s), -E2BIG)) {
			free(s.buf);
			return;
		}
		for (i = 0; i < n; i++)
			if (!CHECK_EQ_U64(s.buf[i], FILL))
				break;
		CHECK_EQ_U64(rsp, 1);
		free(s.buf);
	}
	for (n = need; n < need + 40; n++) {
		if (CHECK_EQ_I64(build(info, n, &rsp, &s), 0))
			read_back(&s, rsp, info);
		free(s.buf);
	}
}

static void invalid(void)
{
	const char *argv[] = {"app", NULL};
	unsigned char buf[4096];
	struct ustack_info info;
	uint64_t rsp;

	init_info(&info, 1, argv, 0, NULL);
	CHECK_EQ_I64(ustack_build(buf, sizeof(buf), USER_END, &info, &rsp), 0);
	CHECK_EQ_I64(ustack_build(buf, sizeof(buf), USER_END + 8, &info, &rsp),
		     -EINVAL);
	CHECK_EQ_I64(ustack_build(buf, sizeof(buf), 100, &info, &rsp), -EINVAL);
	info.argc = 2; /* argv[1] is NULL */
	CHECK_EQ_I64(ustack_build(buf, sizeof(buf), USER_END, &info, &rsp),
		     -EINVAL);
	CHECK_EQ_U64(ustack_size(&info), 0);
	info.argc = -1;
	CHECK_EQ_I64(ustack_build(buf, sizeof(buf), USER_END, &info, &rsp),
		     -EINVAL);
	info.argc = 1;
	info.envc = 1; /* envp NULL */
	CHECK_EQ_I64(ustack_build(buf, sizeof(buf), USER_END, &info, &rsp),
		     -EINVAL);
	info.envc = 0;
	info.random = NULL;
	CHECK_EQ_I64(ustack_build(buf, sizeof(buf), USER_END, &info, &rsp),
		     -EINVAL);
}

/* The host buffer need not be aligned; only the user addresses are. */
static void unaligned_buffer(void)
{
	const char *argv[] = {"app"};
	struct ustack_info info;
	unsigned char *raw;
	struct stack s;
	uint64_t rsp;

	init_info(&info, 1, argv, 1, argv);
	s.size = ustack_size(&info);
	raw = malloc(s.size + 3);
	s.buf = raw + 3;
	s.end = 0x10000;
	memset(s.buf, FILL, s.size);
	if (CHECK_EQ_I64(ustack_build(s.buf, s.size, s.end, &info, &rsp), 0))
		read_back(&s, rsp, &info);
	free(raw);
}

CHECK_MAIN("ustack", CHECK_TEST(no_args), CHECK_TEST(args_and_env),
	   CHECK_TEST(many_and_long), CHECK_TEST(too_small),
	   CHECK_TEST(invalid), CHECK_TEST(unaligned_buffer))
