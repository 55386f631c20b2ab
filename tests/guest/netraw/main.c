/*
 * netraw: netfront seen from outside, without any TCP/IP stack. The guest
 * takes vif 0 through the raw-frame API, answers ARP requests for the
 * address given as argv[1] by hand, and after three of them sends a burst
 * of UDP broadcast frames. dom0 arpings the address (which needs receive
 * and transmit) and counts the burst on its side of the vif. Then dom0
 * detaches the vif and attaches it again (xl network-detach/-attach):
 * the guest must see the link go down and come back, and answer ARP
 * again. Finally dom0 writes data/netraw-done and the guest exits.
 */
#include <skiff/netdev.h>
#include <skiff/xenstore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

SKIFF_NETDEV_RAW(1u << 0);

#define BURST 50
#define RUN_SECONDS 50

static uint8_t mac[6];
static uint8_t ip[4];

static void put16(uint8_t *p, unsigned int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static unsigned int get16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static int parse_ip(const char *s, uint8_t out[4])
{
	unsigned int a, b, c, d;
	char end;

	if (sscanf(s, "%u.%u.%u.%u%c", &a, &b, &c, &d, &end) != 4 || a > 255 ||
	    b > 255 || c > 255 || d > 255)
		return -1;
	out[0] = (uint8_t)a;
	out[1] = (uint8_t)b;
	out[2] = (uint8_t)c;
	out[3] = (uint8_t)d;
	return 0;
}

/* An ARP request for our address: answer it. Returns 1 if answered. */
static int arp(const uint8_t *f, long len)
{
	uint8_t r[42];
	int rc;

	if (len < 42 || get16(f + 12) != 0x0806 || get16(f + 14) != 1 ||
	    get16(f + 16) != 0x0800 || f[18] != 6 || f[19] != 4 ||
	    get16(f + 20) != 1 || memcmp(f + 38, ip, 4))
		return 0;
	memcpy(r, f + 6, 6); /* to the asker */
	memcpy(r + 6, mac, 6);
	put16(r + 12, 0x0806);
	memcpy(r + 14, f + 14, 6); /* htype, ptype, hlen, plen */
	put16(r + 20, 2);	   /* reply */
	memcpy(r + 22, mac, 6);
	memcpy(r + 28, ip, 4);
	memcpy(r + 32, f + 22, 10); /* asker's MAC and address */
	while ((rc = skiff_netdev_send(0, r, sizeof(r))) == -11)
		;
	if (rc) {
		printf("netraw: ARP reply not sent: %d\n", rc);
		return 0;
	}
	return 1;
}

static unsigned int ip_csum(const uint8_t *h)
{
	uint32_t s = 0;
	int i;

	for (i = 0; i < 20; i += 2)
		s += get16(h + i);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return ~s & 0xffff;
}

/* One UDP broadcast to 169.254.255.255:9999 with a numbered payload. */
static int send_udp(int n)
{
	uint8_t f[128];
	char payload[32];
	int plen = snprintf(payload, sizeof(payload), "skiff-netraw %d", n);
	int len = 14 + 20 + 8 + plen;
	uint8_t *h = f + 14;

	memset(f, 0xff, 6);
	memcpy(f + 6, mac, 6);
	put16(f + 12, 0x0800);
	memset(h, 0, 28);
	h[0] = 0x45;
	put16(h + 2, (unsigned int)(len - 14));
	put16(h + 4, (unsigned int)n);
	h[8] = 64;
	h[9] = 17;
	memcpy(h + 12, ip, 4);
	h[16] = 169;
	h[17] = 254;
	h[18] = h[19] = 255;
	put16(h + 10, ip_csum(h));
	put16(h + 20, 9999);
	put16(h + 22, 9999);
	put16(h + 24, (unsigned int)(8 + plen));
	memcpy(h + 28, payload, (size_t)plen);
	return skiff_netdev_send(0, f, (size_t)len);
}

static int burst(void)
{
	int i, rc, sent = 0;

	for (i = 0; i < BURST; i++) {
		while ((rc = send_udp(i)) == -11)
			;
		if (rc == 0)
			sent++;
		else
			printf("netraw: frame %d not sent: %d\n", i, rc);
	}
	return sent;
}

static int done(void)
{
	char v[8];

	return xs_read("data/netraw-done", v, sizeof(v)) >= 0;
}

/* Report link changes; returns whether the link is up. */
static int watch_link(int *was_up, int *relinked)
{
	int up = skiff_netdev_wait_link(0, 0) == 0;

	if (up != *was_up) {
		printf("netraw: link %s\n", up ? "up again" : "down");
		if (up)
			(*relinked)++;
		*was_up = up;
	}
	return up;
}

int main(int argc, char **argv)
{
	uint8_t f[SKIFF_NETDEV_FRAME_MAX];
	time_t end = time(NULL) + RUN_SECONDS;
	int rc, answered = 0, again = 0, frames = 0, sent = 0;
	int up = 1, relinked = 0;

	if (argc < 2 || parse_ip(argv[1], ip)) {
		printf("netraw: usage: netraw A.B.C.D\n");
		return 2;
	}
	if ((rc = skiff_netdev_open(0, mac))) {
		printf("netraw: cannot open vif 0: %d\n", rc);
		return 1;
	}
	printf("netraw: mac %02x:%02x:%02x:%02x:%02x:%02x\n", mac[0], mac[1],
	       mac[2], mac[3], mac[4], mac[5]);
	if ((rc = skiff_netdev_wait_link(0, 15000))) {
		printf("netraw: no link: %d\n", rc);
		return 1;
	}
	printf("netraw: link up\n");
	/* A device not reserved is refused. */
	printf("netraw: open again: %d\n", skiff_netdev_open(0, mac));
	while (time(NULL) < end && !done()) {
		long len = skiff_netdev_recv(0, f, sizeof(f), 200);

		watch_link(&up, &relinked);
		if (len < 0)
			continue;
		frames++;
		if (!arp(f, len))
			continue;
		if (relinked)
			again++;
		else if (++answered == 3) {
			sent = burst();
			printf("netraw: sent %d frames\n", sent);
		}
	}
	printf("netraw: received %d frames, answered %d ARP requests, %d "
	       "after the reattach\n",
	       frames, answered, again);
	return answered >= 3 && sent == BURST && again >= 3 ? 0 : 1;
}
