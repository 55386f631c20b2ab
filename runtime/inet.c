/*
 * IPv4 and IPv6 addresses to and from text, without the C library (no
 * locale, no errno), so the host tests run it as it is. The strict forms
 * are inet_pton's; inet_aton's classic IPv4 forms are separate.
 */
#include <kernel/string.h>

#include "inet.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Strict dotted quad: the parse of s stops at its end, or at end if it is
 * not NULL (the IPv4 tail of an IPv6 address ends the string anyway). */
int inet_parse4(const char *s, uint8_t out[4])
{
	int part, digits;
	unsigned int v;

	for (part = 0; part < 4; part++) {
		if (part && *s++ != '.')
			return 0;
		v = 0;
		for (digits = 0; is_digit(*s); digits++, s++) {
			if (digits && !v)
				return 0; /* a leading zero */
			v = v * 10 + (unsigned int)(*s - '0');
			if (v > 255)
				return 0;
		}
		if (!digits)
			return 0;
		out[part] = (uint8_t)v;
	}
	return *s == '\0';
}

/* One inet_aton part: decimal, 0-octal or 0x-hex, up to max. Returns the
 * end of the part, or NULL. */
static const char *classic_part(const char *s, uint32_t max, uint32_t *out)
{
	unsigned int base = 10;
	uint64_t v = 0;
	int d, digits = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	} else if (s[0] == '0') {
		base = 8;
	}
	for (;; s++, digits++) {
		d = hex_digit_value(*s);
		if (d < 0 || (unsigned int)d >= base)
			break;
		v = v * base + (unsigned int)d;
		if (v > max)
			return NULL;
	}
	if (!digits)
		return NULL;
	*out = (uint32_t)v;
	return s;
}

int inet_parse4_classic(const char *s, uint8_t out[4])
{
	uint32_t part[4], addr = 0;
	int n = 0, i;

	for (;;) {
		/* Every part but the last is one byte; the last fills what
		 * the earlier ones left. */
		if (n == 4)
			return 0;
		s = classic_part(s, 0xffffffffu, &part[n]);
		if (!s)
			return 0;
		n++;
		if (*s != '.')
			break;
		s++;
	}
	if (*s != '\0')
		return 0;
	for (i = 0; i < n - 1; i++) {
		if (part[i] > 255)
			return 0;
		addr |= part[i] << (24 - 8 * i);
	}
	if (part[n - 1] > (0xffffffffu >> (8 * (n - 1))))
		return 0;
	addr |= part[n - 1];
	for (i = 0; i < 4; i++)
		out[i] = (uint8_t)(addr >> (24 - 8 * i));
	return 1;
}

/* One hex group of 1..4 digits; the end, or NULL. */
static const char *hex_group(const char *s, uint16_t *out)
{
	unsigned int v = 0;
	int d, n;

	for (n = 0; (d = hex_digit_value(*s)) >= 0; n++, s++) {
		if (n == 4)
			return NULL;
		v = v * 16 + (unsigned int)d;
	}
	if (!n)
		return NULL;
	*out = (uint16_t)v;
	return s;
}

/* Whether the text from s up to the end is a dotted quad (the IPv4 tail):
 * it has a '.' before any ':'. */
static int ipv4_tail_follows(const char *s)
{
	for (; *s && *s != ':'; s++)
		if (*s == '.')
			return 1;
	return 0;
}

int inet_parse6(const char *s, uint8_t out[16])
{
	uint16_t g[8];
	int n = 0, gap = -1, i;

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	} else if (s[0] == ':') {
		return 0;
	}
	while (*s) {
		if (n < 7 && ipv4_tail_follows(s)) {
			uint8_t v4[4];

			if (!inet_parse4(s, v4))
				return 0;
			g[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
			g[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
			break;
		}
		if (n == 8)
			return 0;
		s = hex_group(s, &g[n]);
		if (!s)
			return 0;
		n++;
		if (*s == '\0')
			break;
		if (*s++ != ':')
			return 0;
		if (*s == ':') {
			if (gap >= 0)
				return 0; /* a second "::" */
			gap = n;
			s++;
		} else if (*s == '\0') {
			return 0; /* a lone trailing ':' */
		}
	}
	if (gap < 0 ? n != 8 : n > 7)
		return 0;
	/* Spread the groups: those after the gap move to the end. */
	for (i = 0; i < 8; i++) {
		uint16_t v = 0;

		if (gap < 0 || i < gap)
			v = g[i];
		else if (i >= 8 - (n - gap))
			v = g[i - (8 - n)];
		out[2 * i] = (uint8_t)(v >> 8);
		out[2 * i + 1] = (uint8_t)v;
	}
	return 1;
}

/* Append a decimal number 0..255; returns the new position. */
static char *put_dec(char *p, unsigned int v)
{
	if (v >= 100)
		*p++ = (char)('0' + v / 100);
	if (v >= 10)
		*p++ = (char)('0' + v / 10 % 10);
	*p++ = (char)('0' + v % 10);
	return p;
}

int inet_format4(const uint8_t in[4], char *buf, size_t size)
{
	char tmp[INET_TEXT4_MAX], *p = tmp;
	int i;

	for (i = 0; i < 4; i++) {
		if (i)
			*p++ = '.';
		p = put_dec(p, in[i]);
	}
	*p = '\0';
	if ((size_t)(p - tmp) + 1 > size)
		return -1;
	for (i = 0; i <= p - tmp; i++)
		buf[i] = tmp[i];
	return (int)(p - tmp);
}

/* The longest run of two or more zero groups: *start and the length (0
 * when there is none). */
static int zero_run(const uint16_t g[8], int *start)
{
	int best = 0, i, j;

	for (i = 0; i < 8; i = j + 1) {
		for (j = i; j < 8 && !g[j]; j++)
			;
		if (j - i > best && j - i >= 2) {
			best = j - i;
			*start = i;
		}
	}
	return best;
}

/* Append a group in lower-case hex without leading zeros. */
static char *put_hex(char *p, unsigned int v)
{
	static const char digits[] = "0123456789abcdef";
	int shift, started = 0;

	for (shift = 12; shift >= 0; shift -= 4) {
		unsigned int d = (v >> shift) & 0xf;

		if (d || started || !shift) {
			*p++ = digits[d];
			started = 1;
		}
	}
	return p;
}

int inet_format6(const uint8_t in[16], char *buf, size_t size)
{
	char tmp[INET_TEXT6_MAX], *p = tmp;
	uint16_t g[8];
	int i, start = 0, run, mapped, last;

	for (i = 0; i < 8; i++)
		g[i] = (uint16_t)(in[2 * i] << 8 | in[2 * i + 1]);
	run = zero_run(g, &start);
	/* ::ffff:a.b.c.d keeps its IPv4 part readable. */
	mapped = run == 5 && start == 0 && g[5] == 0xffff;
	last = mapped ? 6 : 8;
	for (i = 0; i < last; i++) {
		if (run && i == start) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += run - 1;
			continue;
		}
		p = put_hex(p, g[i]);
		if (i < last - 1 || mapped)
			*p++ = ':';
	}
	if (mapped) {
		p += inet_format4(in + 12, p, INET_TEXT4_MAX);
	}
	*p = '\0';
	if ((size_t)(p - tmp) + 1 > size)
		return -1;
	for (i = 0; i <= p - tmp; i++)
		buf[i] = tmp[i];
	return (int)(p - tmp);
}
