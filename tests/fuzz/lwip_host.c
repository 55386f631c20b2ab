/*
 * lwIP on the build machine for the DHCP and DNS fuzzers; see
 * lwip_host.h. What Skiff's port provides in the kernel (net/): the
 * clock, random numbers, diagnostics and assertions. An lwIP assertion
 * aborts, as it panics the kernel.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/etharp.h"
#include "lwip/inet_chksum.h"
#include "lwip/init.h"
#include "lwip/ip4.h"
#include "lwip/pbuf.h"
#include "lwip/prot/ip.h"
#include "lwip/prot/ip4.h"
#include "lwip/prot/udp.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "lwip_host.h"

struct netif lh_netif;
static uint32_t now_ms;
static unsigned int rand_state;
static int log_on = -1;

u32_t sys_now(void)
{
	return now_ms;
}

/* Deterministic, so that a crashing input crashes again. */
unsigned int net_random(void)
{
	rand_state = rand_state * 1103515245u + 12345u;
	return rand_state >> 8;
}

void net_lwip_diag(const char *fmt, ...)
{
	va_list ap;

	if (log_on < 0)
		log_on = getenv("FUZZ_LOG") != NULL;
	if (!log_on)
		return;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

void net_lwip_assert(const char *msg, const char *file, int line)
{
	fprintf(stderr, "lwIP assertion \"%s\" failed at %s:%d\n", msg, file,
		line);
	abort();
}

static err_t drop_frame(struct netif *nif, struct pbuf *p)
{
	(void)nif;
	(void)p;
	return ERR_OK;
}

static err_t lh_netif_init(struct netif *nif)
{
	static const uint8_t mac[6] = {0x00, 0x16, 0x3e, 0x12, 0x34, 0x56};

	nif->name[0] = 'e';
	nif->name[1] = 'n';
	nif->mtu = 1500;
	nif->hwaddr_len = 6;
	memcpy(nif->hwaddr, mac, 6);
	nif->flags =
	    NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	nif->output = etharp_output;
	nif->linkoutput = drop_frame;
	return ERR_OK;
}

void lh_reset(void)
{
	static int inited;

	rand_state = 1;
	if (!inited) {
		lwip_init();
		inited = 1;
	} else {
		netif_remove(&lh_netif);
	}
	memset(&lh_netif, 0, sizeof(lh_netif));
	netif_add(&lh_netif, IP4_ADDR_ANY4, IP4_ADDR_ANY4, IP4_ADDR_ANY4, NULL,
		  lh_netif_init, ethernet_input);
	netif_set_default(&lh_netif);
	netif_set_up(&lh_netif);
	netif_set_link_up(&lh_netif);
}

void lh_udp_in(const ip4_addr_t *src, uint16_t sport, const ip4_addr_t *dst,
	       uint16_t dport, const void *payload, size_t len)
{
	size_t hl = IP_HLEN + UDP_HLEN;
	struct pbuf *p;
	struct ip_hdr *ip;
	struct udp_hdr *udp;

	if (len > 0xffff - hl)
		return;
	p = pbuf_alloc(PBUF_LINK, (u16_t)(hl + len), PBUF_RAM);
	if (!p)
		return;
	ip = (struct ip_hdr *)p->payload;
	memset(ip, 0, hl);
	IPH_VHL_SET(ip, 4, IP_HLEN / 4);
	IPH_LEN_SET(ip, lwip_htons((u16_t)(hl + len)));
	IPH_TTL_SET(ip, 64);
	IPH_PROTO_SET(ip, IP_PROTO_UDP);
	ip4_addr_copy(ip->src, *src);
	ip4_addr_copy(ip->dest, *dst);
	IPH_CHKSUM_SET(ip, inet_chksum(ip, IP_HLEN));
	udp = (struct udp_hdr *)((uint8_t *)ip + IP_HLEN);
	udp->src = lwip_htons(sport);
	udp->dest = lwip_htons(dport);
	udp->len = lwip_htons((u16_t)(UDP_HLEN + len));
	udp->chksum = 0; /* none */
	memcpy((uint8_t *)udp + UDP_HLEN, payload, len);
	ip4_input(p, &lh_netif); /* frees p */
}

void lh_advance(uint32_t ms)
{
	uint32_t end = now_ms + ms, step;

	/* From timeout to timeout, so that each runs when it would. */
	while (now_ms < end) {
		step = sys_timeouts_sleeptime();
		step = step < 1 ? 1 : step;
		now_ms += end - now_ms < step ? end - now_ms : step;
		sys_check_timeouts();
	}
}
