/*
 * Fuzzer of the IP configuration strings (net/ipconfig_parse.c): the
 * backend's "ip" key (written by the toolstack, read from xenstore) and
 * the command line's ip= value, each copied first through
 * net_option_set() into a buffer of exactly NET_OPT_MAX bytes as the
 * boot options are. The first input byte picks the parser. A result the
 * parser accepts must be a usable configuration: a host address outside
 * 0/8, 127/8 and 224/3, a contiguous netmask, and a gateway, if any,
 * inside the subnet and not the address itself.
 */
#include <kernel/errno.h>

#include "../../net/ipconfig.h"
#include "fuzz_input.h"

static void check_conf(const struct ipconf *c)
{
	FUZZ_ASSERT(c->addr != 0 && (c->addr >> 24) != 0);
	FUZZ_ASSERT((c->addr >> 24) != 127 && c->addr < 0xe0000000u);
	FUZZ_ASSERT(ipconf_mask_prefix(c->mask) >= 0);
	if (c->gw) {
		FUZZ_ASSERT((c->gw & c->mask) == (c->addr & c->mask));
		FUZZ_ASSERT(c->gw != c->addr);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	int which = fin_u8(&f) % 3;
	size_t len = f.n;
	char *line = malloc(len + 1), *opt = malloc(NET_OPT_MAX);
	const char *why = NULL, *end;
	struct ipconf c = {0};
	uint32_t a;
	int rc;

	fin_bytes(&f, line, len);
	line[len] = '\0';
	net_option_set(opt, line);
	FUZZ_ASSERT(strnlen(opt, NET_OPT_MAX) < NET_OPT_MAX);
	if (which == 0) {
		rc = ipconf_parse_cmdline(opt, &c, &why);
	} else if (which == 1) {
		rc = ipconf_parse_backend(line, &c, &why);
	} else {
		rc = ipconf_parse_addr(line, &end, &a);
		FUZZ_ASSERT(rc == 0 || rc == -EINVAL);
		if (!rc)
			FUZZ_ASSERT(end > line && end <= line + strlen(line));
		rc = -EINVAL;
		why = "";
	}
	FUZZ_ASSERT(rc == 0 || (rc == -EINVAL && why));
	if (!rc)
		check_conf(&c);
	free(line);
	free(opt);
	return 0;
}
