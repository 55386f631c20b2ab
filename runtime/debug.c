/*
 * <skiff/debug.h>: counts for tests, from the layers that keep them.
 */
#include <skiff/debug.h>
#include <skiff_net.h>

int skiff_debug_sockets(void)
{
	return net_sock_count();
}
