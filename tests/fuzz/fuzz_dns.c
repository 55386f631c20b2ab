/*
 * Fuzzer of the DNS resolver Skiff links for getaddrinfo() (lwIP's
 * core/dns.c, included here so that its table can be emptied for each
 * input; built with Skiff's lwipopts.h; lwip_host.c). The input is a
 * script of lookups (names of several lengths, IPv4, IPv6 or either),
 * replies from the server (any bytes; the transaction id is set to the
 * one of the lookup in flight and the reply comes from its server and to
 * its port, so that replies reach the parser) and clock jumps that run
 * retries and timeouts. AddressSanitizer, UBSan and lwIP's assertions
 * check the parsing; every answer must go to a lookup of that name,
 * with an address of the family asked for.
 */
#include "core/dns.c"

#include "fuzz_input.h"
#include "lwip_host.h"

static const char *const names[] = {
    "example.com", "a", "xn--bcher-kva.example",
    "a.very.long.name.with.many.labels.in.it.example.org",
    "localhost.localdomain"};
static const u8_t types[] = {LWIP_DNS_ADDRTYPE_IPV4, LWIP_DNS_ADDRTYPE_IPV6,
			     LWIP_DNS_ADDRTYPE_IPV4_IPV6,
			     LWIP_DNS_ADDRTYPE_IPV6_IPV4};

/* A lookup's tag: the name and the family it asked for. */
struct ask {
	unsigned int name, type;
};
static struct ask asks[32];
static unsigned int nasks;

static void check_addr(const ip_addr_t *a, u8_t type)
{
	if (type == LWIP_DNS_ADDRTYPE_IPV4)
		FUZZ_ASSERT(IP_IS_V4(a));
	else if (type == LWIP_DNS_ADDRTYPE_IPV6)
		FUZZ_ASSERT(IP_IS_V6(a));
}

static void found(const char *name, const ip_addr_t *a, void *arg)
{
	const struct ask *q = arg;

	if (getenv("FUZZ_LOG"))
		fprintf(stderr, "fuzz: %s: %s\n", name,
			a ? ipaddr_ntoa(a) : "(none)");
	FUZZ_ASSERT(q >= asks && q < asks + nasks);
	FUZZ_ASSERT(name && !strcmp(name, names[q->name]));
	if (a)
		check_addr(a, types[q->type]);
}

static void lookup(struct fin *f)
{
	struct ask *q;
	ip_addr_t a;
	err_t err;

	if (nasks == 32)
		return;
	q = &asks[nasks++];
	q->name = fin_u8(f) % 5;
	q->type = fin_u8(f) % 4;
	err = dns_gethostbyname_addrtype(names[q->name], &a, found, q,
					 types[q->type]);
	if (err == ERR_OK)
		check_addr(&a, types[q->type]); /* from the table */
}

/* A reply to the first lookup in flight, or to nobody. */
static void reply(struct fin *f)
{
	uint8_t msg[1500];
	size_t len = fin_bytes(f, msg, fin_u16(f) % sizeof(msg)), i;
	ip4_addr_t server, us;
	u16_t port = 1024, id;

	IP4_ADDR(&server, 10, 0, 0, 1);
	IP4_ADDR(&us, 10, 0, 0, 2);
	for (i = 0; i < DNS_TABLE_SIZE; i++) {
		struct dns_table_entry *e = &dns_table[i];

		if (e->state != DNS_STATE_ASKING)
			continue;
		id = lwip_htons(e->txid);
		if (len >= 2)
			memcpy(msg, &id, 2);
		if (dns_pcbs[e->pcb_idx])
			port = dns_pcbs[e->pcb_idx]->local_port;
		break;
	}
	lh_udp_in(&server, DNS_SERVER_PORT, &us, port, msg, len);
}

/* Empty the resolver: its table, requests and sockets. */
static void dns_reset(void)
{
	unsigned int i;

	for (i = 0; i < DNS_MAX_SOURCE_PORTS; i++)
		if (dns_pcbs[i]) {
			udp_remove(dns_pcbs[i]);
			dns_pcbs[i] = NULL;
		}
	memset(dns_table, 0, sizeof(dns_table));
	memset(dns_requests, 0, sizeof(dns_requests));
	dns_last_pcb_idx = 0;
	nasks = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	ip4_addr_t a, m, g;
	ip_addr_t server;
	int steps = 0;

	lh_reset();
	dns_reset();
	IP4_ADDR(&a, 10, 0, 0, 2);
	IP4_ADDR(&m, 255, 255, 255, 0);
	IP4_ADDR(&g, 10, 0, 0, 1);
	netif_set_addr(&lh_netif, &a, &m, &g);
	IP_ADDR4(&server, 10, 0, 0, 1);
	dns_setserver(0, &server);
	while (fin_left(&f) && steps++ < 64) {
		switch (fin_u8(&f) % 4) {
		case 0:
			lookup(&f);
			break;
		case 1:
		case 2:
			reply(&f);
			break;
		default:
			lh_advance(fin_u16(&f) % 3000 * 10u); /* up to 30 s */
			break;
		}
	}
	/* Every lookup ends: answered, or timed out. */
	lh_advance(60 * 1000);
	dns_reset();
	return 0;
}
