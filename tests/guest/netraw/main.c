/*
 * netraw: netfront seen from outside, without any TCP/IP stack. The guest
 * takes vifs 0 and 1 through the raw-frame API and answers ARP requests
 * for the addresses given as argv[1] and argv[2] by hand, each on its own
 * vif. After three requests on vif 0 it sends a burst
 * of UDP broadcast frames. dom0 arpings the address (which needs receive
 * and transmit) and counts the burst on its side of the vif. Then dom0
 * detaches the vif and attaches it again (xl network-detach/-attach):
 * the guest must see the link go down and come back, and answer ARP
 * again. Finally dom0 writes data/netraw-done and the guest exits. vif 2's
 * backend never connects: netfront gives up on it after its bound and
 * the rest works regardless.
 */
#include <errno.h>
#include <skiff/netdev.h>
#include <skiff/xenstore.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

SKIFF_NETDEV_RAW(1u << 0 | 1u << 1 | 1u << 2);

#define BURST 50
#define RUN_SECONDS 55
#define VIFS 2

static uint8_t macs[VIFS][6];
static uint8_t ips[VIFS][4];

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

/* An ARP request for vif's address: answer it. Returns 1 if answered. */
static int arp(unsigned int vif, const uint8_t *f, long len)
{
	const uint8_t *mac = macs[vif], *ip = ips[vif];
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
	while ((rc = skiff_netdev_send(vif, r, sizeof(r))) == -11)
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
	const uint8_t *mac = macs[0], *ip = ips[0];

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

/* vif 0 was unplugged: open it again once it is attached again (a new
 * device, with the same MAC here), else wait a little. */
static void reopen(void)
{
	struct timespec ts = {0, 100 * 1000 * 1000};

	if (skiff_netdev_open(0, macs[0]) == 0) {
		printf("netraw: vif 0 reopened\n");
		return;
	}
	nanosleep(&ts, NULL);
}

static int open_vif(unsigned int vif, const char *addr)
{
	const uint8_t *m = macs[vif];
	int rc;

	if (parse_ip(addr, ips[vif])) {
		printf("netraw: bad address '%s'\n", addr);
		return -1;
	}
	if ((rc = skiff_netdev_open(vif, macs[vif]))) {
		printf("netraw: cannot open vif %u: %d\n", vif, rc);
		return -1;
	}
	printf("netraw: vif %u mac %02x:%02x:%02x:%02x:%02x:%02x\n", vif, m[0],
	       m[1], m[2], m[3], m[4], m[5]);
	if ((rc = skiff_netdev_wait_link(vif, 15000))) {
		printf("netraw: vif %u: no link: %d\n", vif, rc);
		return -1;
	}
	printf("netraw: vif %u link up\n", vif);
	return 0;
}

int main(int argc, char **argv)
{
	uint8_t f[SKIFF_NETDEV_FRAME_MAX];
	time_t end = time(NULL) + RUN_SECONDS;
	int answered = 0, again = 0, frames = 0, sent = 0, answered1 = 0;
	int up = 1, relinked = 0, rc;

	if (argc < 3) {
		printf("netraw: usage: netraw ADDR0 ADDR1\n");
		return 2;
	}
	if (open_vif(0, argv[1]) || open_vif(1, argv[2]))
		return 1;
	/* A vif already open, and one that does not exist, are refused. */
	printf("netraw: open again: %d\n", skiff_netdev_open(0, macs[0]));
	printf("netraw: open vif 5: %d\n", skiff_netdev_open(5, macs[0]));
	while (time(NULL) < end && !done()) {
		long len;

		/* vif 1 gets vif 0's broadcasts too: drain it every time. */
		while ((len = skiff_netdev_recv(1, f, sizeof(f), 0)) > 0)
			answered1 += arp(1, f, len);
		len = skiff_netdev_recv(0, f, sizeof(f), 100);
		if (len == -EBADF || len == -ENODEV)
			reopen(); /* detached: open the new vif 0 once there */
		watch_link(&up, &relinked);
		if (len < 0)
			continue;
		frames++;
		if (!arp(0, f, len))
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
	printf("netraw: vif 1 answered %d ARP requests\n", answered1);
	rc = skiff_netdev_open(2, macs[0]);
	printf("netraw: vif 2 open %d, link %d\n", rc,
	       skiff_netdev_wait_link(2, 0));
	return answered >= 3 && sent == BURST && again >= 3 && answered1 >= 3
		   ? 0
		   : 1;
}
