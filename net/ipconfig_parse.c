/*
 * Parsing of IPv4 configuration strings (net/ipconfig.h). Pure code with
 * kernel headers only: it runs in the guest and in the host unit tests.
 * Strict on purpose: a value with anything odd in it is refused with a
 * reason rather than guessed at.
 */
#include <kernel/errno.h>
#include <kernel/types.h>

#include "ipconfig.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A decimal number of 1-3 digits, no leading zero, at most max. */
static int parse_num(const char *s, const char **end, unsigned int max,
		     unsigned int *v)
{
	unsigned int n = 0, digits = 0;

	while (is_digit(s[digits]) && digits < 4)
		n = n * 10 + (unsigned int)(s[digits++] - '0');
	if (digits == 0 || digits > 3 || n > max || (digits > 1 && s[0] == '0'))
		return -EINVAL;
	*end = s + digits;
	*v = n;
	return 0;
}

int ipconf_parse_addr(const char *s, const char **end, uint32_t *a)
{
	uint32_t addr = 0;
	unsigned int v;
	int i;

	for (i = 0; i < 4; i++) {
		if (i > 0 && *s++ != '.')
			return -EINVAL;
		if (parse_num(s, &s, 255, &v))
			return -EINVAL;
		addr = addr << 8 | v;
	}
	*end = s;
	*a = addr;
	return 0;
}

int ipconf_mask_prefix(uint32_t mask)
{
	int prefix = 0;

	while (prefix < 32 && (mask & (0x80000000u >> prefix)))
		prefix++;
	if (prefix < 32 && (mask << prefix))
		return -1; /* a one after the first zero */
	return prefix;
}

static uint32_t prefix_mask(unsigned int prefix)
{
	return prefix ? 0xffffffffu << (32 - prefix) : 0;
}

uint32_t ipconf_classful_mask(uint32_t a)
{
	if (a < 0x80000000u)
		return prefix_mask(8);
	if (a < 0xc0000000u)
		return prefix_mask(16);
	return prefix_mask(24);
}

/* Whether a can be a host's address in a/mask; else *why says why. */
static bool host_ok(uint32_t a, uint32_t mask, const char **why)
{
	if (a == 0 || (a >> 24) == 0) {
		*why = "address in 0.0.0.0/8";
		return false;
	}
	if ((a >> 24) == 127) {
		*why = "loopback address";
		return false;
	}
	if (a >= 0xe0000000u) {
		*why = "multicast or reserved address";
		return false;
	}
	/* /31 and /32 have no network or broadcast address. */
	if (ipconf_mask_prefix(mask) <= 30 &&
	    ((a & ~mask) == 0 || (a & ~mask) == ~mask)) {
		*why = "network or broadcast address of its subnet";
		return false;
	}
	return true;
}

/* Check c as a whole: the address, and a gateway inside its subnet. */
static int check(const struct ipconf *c, const char **why)
{
	const char *gw_why;

	if (!host_ok(c->addr, c->mask, why))
		return -EINVAL;
	if (!c->gw)
		return 0;
	if ((c->gw & c->mask) != (c->addr & c->mask)) {
		*why = "gateway outside the subnet";
		return -EINVAL;
	}
	if (c->gw == c->addr || !host_ok(c->gw, c->mask, &gw_why)) {
		*why = "gateway is not another host of the subnet";
		return -EINVAL;
	}
	return 0;
}

int ipconf_parse_cmdline(const char *s, struct ipconf *c, const char **why)
{
	unsigned int prefix;

	c->gw = 0;
	if (ipconf_parse_addr(s, &s, &c->addr)) {
		*why = "not an address (want ADDR/PREFIX[,GW])";
		return -EINVAL;
	}
	if (*s++ != '/' || parse_num(s, &s, 32, &prefix) || prefix == 0) {
		*why = "missing or bad /PREFIX (1-32)";
		return -EINVAL;
	}
	c->mask = prefix_mask(prefix);
	if (*s == ',' && ipconf_parse_addr(s + 1, &s, &c->gw)) {
		*why = "bad gateway address";
		return -EINVAL;
	}
	if (*s) {
		*why = "junk after the value";
		return -EINVAL;
	}
	return check(c, why);
}

static const char *skip_blanks(const char *s)
{
	while (is_blank(*s))
		s++;
	return s;
}

/* Parse an address that must end at a blank or the end of s. */
static int parse_word_addr(const char **s, uint32_t *a)
{
	const char *end;

	if (ipconf_parse_addr(*s, &end, a) || (*end && !is_blank(*end)))
		return -EINVAL;
	*s = skip_blanks(end);
	return 0;
}

int ipconf_parse_backend(const char *s, struct ipconf *c, const char **why)
{
	uint32_t w2;

	c->gw = 0;
	s = skip_blanks(s);
	if (parse_word_addr(&s, &c->addr)) {
		*why = "not an address (want ADDR [NETMASK [GATEWAY]])";
		return -EINVAL;
	}
	c->mask = ipconf_classful_mask(c->addr);
	if (!*s)
		return check(c, why);
	if (parse_word_addr(&s, &w2) || w2 == 0) {
		*why = "bad second word (want a netmask)";
		return -EINVAL;
	}
	if (ipconf_mask_prefix(w2) <= 0)
		return check(c, why); /* a list of addresses: the first */
	c->mask = w2;
	if (*s && parse_word_addr(&s, &c->gw)) {
		*why = "bad gateway address";
		return -EINVAL;
	}
	if (*s) {
		*why = "junk after the gateway";
		return -EINVAL;
	}
	return check(c, why);
}

void net_option_set(char *dst, const char *v)
{
	size_t n;

	for (n = 0; n + 1 < NET_OPT_MAX && v[n]; n++)
		dst[n] = v[n];
	dst[n] = '\0';
}
