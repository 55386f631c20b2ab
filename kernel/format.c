/*
 * vsnprintk: the kernel's printf formatting, freestanding (no C library,
 * no floating point: kernel code is built with -mgeneral-regs-only).
 * Conversions d i u x X p s c %, flags '-' and '0', width and precision
 * (either may be '*'), length modifiers hh h l ll z. C99 semantics: the
 * return value is the length the whole output would have had, and the
 * buffer is always NUL-terminated when size > 0.
 */
#include <kernel/printk.h>

/* Where the output goes; len counts every byte, stored or not. */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

/* One parsed conversion specification. */
struct spec {
	bool left; /* '-': pad on the right */
	bool zero; /* '0': pad numbers with zeros */
	int width; /* minimum field width, 0 if none */
	int prec;  /* precision, -1 if none */
	char len;  /* 0, 'H' (hh), 'h', 'l', 'L' (ll) or 'z' */
	char conv; /* the conversion character */
};

/* Store c if it fits with room left for the NUL; count it either way. */
static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Widths and precisions are capped (beyond any real use) so that no sum
 * of them can overflow an int. */
#define FIELD_MAX (1 << 20)

/* A decimal number or '*' (taken from the arguments). */
static const char *parse_int(const char *f, int *v, va_list *ap)
{
	if (*f == '*') {
		*v = va_arg(*ap, int);
		f++;
	} else {
		for (*v = 0; *f >= '0' && *f <= '9'; f++)
			if (*v < FIELD_MAX)
				*v = *v * 10 + (*f - '0');
	}
	*v = *v > FIELD_MAX ? FIELD_MAX : *v < -FIELD_MAX ? -FIELD_MAX : *v;
	return f;
}

/* The length modifier; hh and ll are recorded as 'H' and 'L'. */
static const char *parse_length(const char *f, struct spec *s)
{
	s->len = 0;
	if (*f == 'h' || *f == 'l') {
		s->len = *f++;
		if (*f == s->len) /* hh or ll */
			s->len = *f++ == 'h' ? 'H' : 'L';
	} else if (*f == 'z') {
		s->len = *f++;
	}
	return f;
}

/* Parse what follows a '%'; returns the position after the conversion
 * character (which may be the terminating NUL: the caller checks). */
static const char *parse_spec(const char *f, struct spec *s, va_list *ap)
{
	s->left = s->zero = false;
	for (;; f++) {
		if (*f == '-')
			s->left = true;
		else if (*f == '0')
			s->zero = true;
		else
			break;
	}
	f = parse_int(f, &s->width, ap);
	if (s->width < 0) { /* a negative '*' width means '-' */
		s->left = true;
		s->width = -s->width;
	}
	s->prec = -1;
	if (*f == '.') {
		f = parse_int(f + 1, &s->prec, ap);
		if (s->prec < 0) /* a negative '*' precision means none */
			s->prec = -1;
	}
	f = parse_length(f, s);
	s->conv = *f;
	return *f ? f + 1 : f;
}

/* n bytes of str in a field of the spec's width. */
static void emit_str(struct out *o, const struct spec *s, const char *str,
		     size_t n)
{
	int fill = s->width > (int)n ? s->width - (int)n : 0;

	if (!s->left)
		pad(o, ' ', fill);
	while (n--)
		put(o, *str++);
	if (s->left)
		pad(o, ' ', fill);
}

/* strlen, but reading no more than max bytes (max < 0: no limit). */
static size_t bounded_strlen(const char *str, int max)
{
	size_t n = 0;

	while ((max < 0 || n < (size_t)max) && str[n])
		n++;
	return n;
}

/*
 * A number: optional '-', prefix ("0x" for %p), precision zeros, digits,
 * padded to the width with blanks, or with zeros after the sign when '0'
 * is given without a precision (C99 ignores '0' when there is one).
 */
static void emit_num(struct out *o, const struct spec *s, uint64_t mag,
		     bool neg, unsigned base, const char *prefix)
{
	const char *digits =
	    s->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, zeros, fill, plen = 0;

	for (; mag; mag /= base)
		tmp[n++] = digits[mag % base];
	if (n == 0 && s->prec != 0)
		tmp[n++] = '0'; /* "%.0d" of 0 prints nothing */
	while (prefix[plen])
		plen++;
	zeros = s->prec > n ? s->prec - n : 0;
	fill = s->width - (neg + plen + zeros + n);
	if (s->zero && !s->left && s->prec < 0 && fill > 0) {
		zeros += fill;
		fill = 0;
	}
	if (!s->left)
		pad(o, ' ', fill);
	if (neg)
		put(o, '-');
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (s->left)
		pad(o, ' ', fill);
}

/* Fetch an argument as its length modifier says, widened to 64 bits. */
static uint64_t fetch_unsigned(char len, va_list *ap)
{
	switch (len) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* The same for the signed conversions, sign-extended. */
static int64_t fetch_signed(char len, va_list *ap)
{
	switch (len) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z': /* the signed type of size_t's width */
		return (int64_t)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static void emit_signed(struct out *o, const struct spec *s, va_list *ap)
{
	int64_t v = fetch_signed(s->len, ap);

	/* 0 - (uint64_t)v is the magnitude even for INT64_MIN. */
	emit_num(o, s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0, 10, "");
}

/* %p: always "0x" and 16 hex digits, so pointers line up in dumps. */
static void emit_pointer(struct out *o, struct spec s, va_list *ap)
{
	s.prec = 16;
	emit_num(o, &s, (uintptr_t)va_arg(*ap, void *), false, 16, "0x");
}

/* %s: a NULL pointer prints as "(null)"; the precision limits the
 * bytes read, so the string need not be terminated within it. */
static void emit_cstring(struct out *o, const struct spec *s, va_list *ap)
{
	const char *str = va_arg(*ap, const char *);

	str = str ? str : "(null)";
	emit_str(o, s, str, bounded_strlen(str, s->prec));
}

static void emit_char(struct out *o, const struct spec *s, va_list *ap)
{
	char c = (char)va_arg(*ap, int);

	emit_str(o, s, &c, 1);
}

/* Carry out one parsed conversion, taking its argument from ap. */
static void convert(struct out *o, struct spec *s, va_list *ap)
{
	switch (s->conv) {
	case 'd':
	case 'i':
		emit_signed(o, s, ap);
		break;
	case 'u':
		emit_num(o, s, fetch_unsigned(s->len, ap), false, 10, "");
		break;
	case 'x':
	case 'X':
		emit_num(o, s, fetch_unsigned(s->len, ap), false, 16, "");
		break;
	case 'p':
		emit_pointer(o, *s, ap);
		break;
	case 's':
		emit_cstring(o, s, ap);
		break;
	case 'c':
		emit_char(o, s, ap);
		break;
	default: /* "%%", or an unknown conversion printed as it is */
		if (s->conv != '%')
			put(o, '%');
		if (s->conv)
			put(o, s->conv);
	}
}

int vsnprintk(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	struct spec s;
	va_list args;

	/* A copy, because va_list may be an array type whose address cannot
	 * be passed on as a va_list pointer. */
	va_copy(args, ap);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &args);
		convert(&o, &s, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > (size_t)__INT_MAX__ ? __INT_MAX__ : (int)o.len;
}

int snprintk(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintk(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
