/*
 * Tests of runtime/sysfile_text.c: the buffer the synthesised files are
 * built in (growth past its first size, bytes with NULs), and the text of
 * /etc/hosts, /etc/resolv.conf, /etc/services and /proc/self/cmdline as
 * the programs that parse them need it. The services list is parsed back
 * line by line, as Go's net package and musl read it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../runtime/sysfile_text.h"
#include "check.h"

static void buffer_grows(void)
{
	struct sysfile_buf b = {0};
	char want[4001];
	unsigned int i;

	for (i = 0; i < 1000; i++)
		sysfile_printf(&b, "%03u ", i);
	CHECK(!b.failed);
	CHECK_EQ_U64(b.len, 4000);
	for (i = 0; i < 1000; i++)
		snprintf(want + i * 4, 5, "%03u ", i % 1000u);
	CHECK_MEM(b.data, want, 4000);
	CHECK_EQ_U64(b.data[b.len], 0);
	free(b.data);
}

static void strings_keep_nuls(void)
{
	const char *const v[] = {"prog", "", "two words"};
	struct sysfile_buf b = {0};

	sysfile_fmt_strings(&b, v, 3);
	CHECK_EQ_U64(b.len, 16);
	CHECK_MEM(b.data, "prog\0\0two words\0", 16);
	free(b.data);
	{
		const char *const w[] = {"a", NULL, "never"};

		memset(&b, 0, sizeof(b));
		sysfile_fmt_strings(&b, w, 3);
		CHECK_EQ_U64(b.len, 2);
		free(b.data);
	}
}

static void hosts_table(void)
{
	struct sysfile_buf b = {0};

	sysfile_fmt_hosts(&b, "web-1", "169.254.10.31");
	CHECK_STR(b.data, "127.0.0.1\tlocalhost\n"
			  "::1\tlocalhost ip6-localhost ip6-loopback\n"
			  "169.254.10.31\tweb-1\n");
	free(b.data);
	memset(&b, 0, sizeof(b));
	sysfile_fmt_hosts(&b, "lonely", NULL);
	CHECK(strstr(b.data, "\n127.0.1.1\tlonely\n") != NULL);
	free(b.data);
}

static void resolv_conf(void)
{
	const char *const s[] = {"169.254.0.53", "10.0.0.1"};
	struct sysfile_buf b = {0};

	sysfile_fmt_resolv(&b, s, 2);
	CHECK(strstr(b.data, "\nnameserver 169.254.0.53\nnameserver "
			     "10.0.0.1\n") != NULL);
	CHECK_EQ_U64(b.data[0], '#');
	free(b.data);
	memset(&b, 0, sizeof(b));
	sysfile_fmt_resolv(&b, s, 0);
	CHECK(strstr(b.data, "nameserver") == NULL);
	free(b.data);
}

/* Whether the space- or tab-separated list holds word. */
static bool has_word(char *list, const char *word)
{
	char *save = NULL, *w;

	for (w = strtok_r(list, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save))
		if (!strcmp(w, word))
			return true;
	return false;
}

/* The port of name/proto in the list, parsed as a resolver does; -1. */
static int lookup_port(const char *text, const char *name, const char *proto)
{
	const char *line = text;
	char n[64], pp[64], alias[256];
	int port, found = -1;

	while (*line) {
		const char *end = strchr(line, '\n');
		char l[512];
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len >= sizeof(l))
			return -2;
		memcpy(l, line, len);
		l[len] = 0;
		line += len + (end ? 1 : 0);
		if (l[0] == '#')
			continue;
		alias[0] = 0;
		if (sscanf(l, "%63s %d/%63s %255[^\n]", n, &port, pp, alias) <
		    3)
			return -3; /* a malformed line */
		if (strcmp(pp, proto))
			continue;
		if (!strcmp(n, name) || has_word(alias, name))
			found = found < 0 ? port : found;
	}
	return found;
}

static void services_list(void)
{
	struct sysfile_buf b = {0};

	sysfile_fmt_services(&b);
	CHECK(!b.failed);
	CHECK_EQ_I64(lookup_port(b.data, "http", "tcp"), 80);
	CHECK_EQ_I64(lookup_port(b.data, "www", "tcp"), 80);
	CHECK_EQ_I64(lookup_port(b.data, "https", "tcp"), 443);
	CHECK_EQ_I64(lookup_port(b.data, "domain", "udp"), 53);
	CHECK_EQ_I64(lookup_port(b.data, "ntp", "udp"), 123);
	CHECK_EQ_I64(lookup_port(b.data, "ntp", "tcp"), -1);
	CHECK_EQ_I64(lookup_port(b.data, "postgres", "tcp"), 5432);
	CHECK_EQ_I64(lookup_port(b.data, "no-such-service", "tcp"), -1);
	free(b.data);
}

static void hostnames(void)
{
	char long_name[80];

	CHECK(sysfile_hostname_ok("skiff-test.go_sysfiles-1"));
	CHECK(!sysfile_hostname_ok(""));
	CHECK(!sysfile_hostname_ok("two words"));
	CHECK(!sysfile_hostname_ok("tab\tname"));
	memset(long_name, 'a', 64);
	long_name[64] = 0;
	CHECK(sysfile_hostname_ok(long_name));
	long_name[64] = 'a';
	long_name[65] = 0;
	CHECK(!sysfile_hostname_ok(long_name));
}

static void ipv4_text(void)
{
	const unsigned char a[4] = {169, 254, 10, 31}, z[4] = {0};
	char out[16];

	sysfile_fmt_ipv4(out, a);
	CHECK_STR(out, "169.254.10.31");
	sysfile_fmt_ipv4(out, z);
	CHECK_STR(out, "0.0.0.0");
}

CHECK_MAIN("sysfile", CHECK_TEST(buffer_grows), CHECK_TEST(strings_keep_nuls),
	   CHECK_TEST(hosts_table), CHECK_TEST(resolv_conf),
	   CHECK_TEST(services_list), CHECK_TEST(hostnames),
	   CHECK_TEST(ipv4_text))
