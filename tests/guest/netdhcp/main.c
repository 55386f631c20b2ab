/*
 * netdhcp: no address in the vif spec nor on the command line, so the
 * guest asks dom0's udhcpd (the job's udhcpd.conf) for one. dom0 reads it
 * from xenstore (data/ip) and pings it, then shuts the guest down.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	int i;

	printf("netdhcp: main running\n");
	for (i = 0; i < 1200; i++)
		usleep(100 * 1000);
	printf("netdhcp: not shut down after 120 s\n");
	return 1;
}
