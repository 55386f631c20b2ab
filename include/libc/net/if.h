/*
 * Network interface names. Skiff's interfaces are the vifs, named by
 * lwIP; the name-to-index calls are not provided yet, only the limits.
 */
#ifndef _SKIFF_NET_IF_H
#define _SKIFF_NET_IF_H

#define IF_NAMESIZE 16
#define IFNAMSIZ IF_NAMESIZE

#endif
