/*
 * The xenstore wire protocol without the ring: building requests,
 * assembling replies from a byte stream, matching them to pending
 * requests, and parsing payloads. Pure code (no Xen, no scheduler calls),
 * shared by xenstore.c, xs_ops.c, xs_watch.c and the host unit tests.
 */
#ifndef DRIVERS_XEN_XS_WIRE_H
#define DRIVERS_XEN_XS_WIRE_H

#include <kernel/errno.h> /* before xs_wire.h: its error table uses them */
#include <kernel/list.h>
#include <kernel/sched.h>
#include <kernel/types.h>
#include <skiff/xenstore.h>
#include <xen/io/xs_wire.h>

/* Largest message: header plus the largest payload. */
#define XS_MSG_MAX (sizeof(struct xsd_sockmsg) + XENSTORE_PAYLOAD_MAX)

/* One piece of a request's payload, copied as is (include the NUL when
 * the protocol wants one). */
struct xs_part {
	const void *data;
	size_t len;
};

/* A reply being assembled from the response stream. */
struct xs_rx {
	struct xsd_sockmsg hdr;		     /* our copy, validated */
	uint32_t got;			     /* header + body bytes so far */
	char body[XENSTORE_PAYLOAD_MAX + 1]; /* NUL added after the payload */
};

/* A request waiting for its reply (lives on the requester's stack). */
struct xs_req {
	struct list_head link; /* on the pending list until answered */
	uint32_t id;
	uint32_t type;
	char *buf;   /* the reply payload goes here, NUL-terminated */
	size_t size; /* bytes at buf (0: payload not wanted) */
	int rc;	     /* full payload length, or a negative errno */
	bool done;
	struct wait_queue wq;
};

/* Write header and parts into out. Returns the message length, or -E2BIG
 * when the payload exceeds XENSTORE_PAYLOAD_MAX or size. */
int xs_wire_encode(char *out, size_t size, uint32_t type, uint32_t req_id,
		   uint32_t tx_id, const struct xs_part *parts, int n);

/* Start assembling a new message. */
void xs_rx_reset(struct xs_rx *rx);
/* Take up to n bytes of the stream; *used says how many were taken.
 * Returns 1 when rx holds a whole message (body NUL-terminated), 0 when
 * more bytes are needed, -EBADMSG when the header claims a payload larger
 * than XENSTORE_PAYLOAD_MAX (the stream cannot be trusted after that). */
int xs_rx_feed(struct xs_rx *rx, const char *data, size_t n, size_t *used);

/* Hand the reply in rx to the pending request with its id: copy the
 * payload to req->buf, set req->rc and done, take it off the list, store
 * it in *out. Returns 0; -EPROTO when the reply's type is neither the
 * request's nor XS_ERROR (req->rc is -EPROTO then, still delivered);
 * -ENOENT when no request has that id (*out is NULL). */
int xs_wire_deliver(struct list_head *pending, const struct xs_rx *rx,
		    struct xs_req **out);

/* The negative errno for an XS_ERROR payload ("ENOENT", ...); -EIO for a
 * name the protocol does not define. */
int xs_wire_error(const char *name);

/* Split a list of NUL-terminated strings (a directory listing) of len
 * bytes; stores up to max pointers into buf in items. Returns the number
 * of strings, or -EBADMSG when the last is not terminated. */
int xs_wire_split(const char *buf, size_t len, const char **items, int max);

/* A watch event's payload: path, then token. Returns 0 or -EBADMSG. */
int xs_wire_watch_event(const char *body, size_t len, const char **path,
			const char **token);

/* One permission word ("r5", "n0", ...). Returns 0 or -EBADMSG. */
int xs_wire_perm_parse(const char *s, struct xs_perm *p);
/* Permission words for XS_SET_PERMS, each NUL-terminated. Returns the
 * bytes written, or -EINVAL (bad access letter) / -E2BIG (no room). */
int xs_wire_perms_format(char *out, size_t size, const struct xs_perm *p,
			 int n);

#endif
