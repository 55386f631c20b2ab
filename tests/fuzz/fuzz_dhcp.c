/*
 * Fuzzer of the DHCP client Skiff links (lwIP's core/ipv4/dhcp.c, built
 * with Skiff's lwipopts.h; lwip_host.c): the client starts on a fresh
 * interface and the input is a script of replies from a server (any
 * bytes; the transaction id and hardware address are set to what the
 * client expects, so that replies get past the first checks), clock
 * jumps that run the client's timers, and link changes (Skiff calls
 * dhcp_start() once per interface and nothing else of the client's).
 * AddressSanitizer, UBSan and lwIP's own assertions check the parsing
 * of every option.
 */
#include "lwip/dhcp.h"
#include "lwip/prot/dhcp.h"

#include "fuzz_input.h"
#include "lwip_host.h"

/* The server's reply: the id and address the client waits for. */
static void reply(struct fin *f)
{
	struct dhcp *d = netif_dhcp_data(&lh_netif);
	uint8_t msg[1500];
	size_t len = fin_u16(f) % sizeof(msg);
	ip4_addr_t server, to;
	uint32_t xid;

	len = fin_bytes(f, msg, len);
	if (d && len >= 34) {
		xid = lwip_htonl(d->xid);
		memcpy(msg + 4, &xid, 4);
		memcpy(msg + 28, lh_netif.hwaddr, 6);
	}
	IP4_ADDR(&server, 10, 0, 0, 1);
	if (msg[0] & 0x80 && !ip4_addr_isany_val(*netif_ip4_addr(&lh_netif)))
		ip4_addr_copy(to, *netif_ip4_addr(&lh_netif));
	else
		IP4_ADDR(&to, 255, 255, 255, 255);
	lh_udp_in(&server, 67 /* server */, &to, 68 /* client */, msg, len);
}

/* The client's state stays one of its own. (The address it takes is
 * not checked: lwIP takes any yiaddr a server sends, 0.0.0.0 included;
 * Skiff then counts the interface as unconfigured. docs/testing.md.) */
static void check(void)
{
	const struct dhcp *d = netif_dhcp_data(&lh_netif);

	FUZZ_ASSERT(d && d->state <= DHCP_STATE_BACKING_OFF);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fin f = {data, size};
	int steps = 0;

	lh_reset();
	if (dhcp_start(&lh_netif) != ERR_OK)
		abort();
	while (fin_left(&f) && steps++ < 64) {
		uint8_t op = fin_u8(&f) % 8;

		if (getenv("FUZZ_LOG"))
			fprintf(stderr, "fuzz: step %u, dhcp state %u\n", op,
				netif_dhcp_data(&lh_netif)
				    ? netif_dhcp_data(&lh_netif)->state
				    : 99);
		switch (op) {
		case 0:
		case 1:
		case 2:
		case 3:
			reply(&f);
			break;
		case 4:
			lh_advance(fin_u16(&f) % 1200 * 50u); /* up to 60 s */
			break;
		case 5:
			netif_set_link_down(&lh_netif);
			netif_set_link_up(&lh_netif);
			break;
		default: /* (Skiff calls nothing else of the client's) */
			lh_advance(fin_u8(&f) % 64 * 1000u);
			break;
		}
		check();
	}
	dhcp_release_and_stop(&lh_netif);
	dhcp_cleanup(&lh_netif);
	return 0;
}
