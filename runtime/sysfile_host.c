/*
 * The host name of <runtime/sysfile.h>: the domain's name, for the
 * network's files and the Linux shim (uname, /etc/hostname). In the net
 * unit, which both have, not the files unit: an image with sockets but
 * no files must not carry the disks.
 */
#include <string.h>

#include <skiff/xenstore.h>

#include <runtime/sysfile.h>

#include "sysfile_text.h"

const char *sysfile_hostname(void)
{
	static char name[SYSFILE_HOSTNAME_MAX + 1];
	static bool done;
	char buf[256];

	if (!done) {
		done = true;
		if (xs_read("name", buf, sizeof(buf)) > 0 &&
		    sysfile_hostname_ok(buf))
			strcpy(name, buf);
		else
			strcpy(name, "skiff");
	}
	return name;
}
