/*
 * AF_UNIX sockets within the program: SOCK_STREAM, SOCK_SEQPACKET and
 * SOCK_DGRAM, socketpair(), names (a path is a socket inode in the file
 * system, as on Linux: bind makes it, stat sees it, unlink removes it,
 * connect finds the socket through it; abstract names are in this file's
 * own table, and so are paths in an image without file system), listen,
 * accept, connect, shutdown, SCM_RIGHTS (open files travel with the
 * message, one reference each), non-blocking mode and poll/epoll
 * readiness. docs/runtime.md describes the behaviour and its limits.
 *
 * Every socket keeps a queue of what it has received: messages of the
 * bytes one send put in (a stream reads across them, the record types
 * one at a time). A sender waits for room in the receiver's queue.
 * Threads are cooperative on one vCPU: a condition checked right before
 * wq_wait() cannot change in between, so no wake-up is lost. One wait
 * queue per socket serves its readers and the writers waiting for room
 * in it; every change wakes them all to look again.
 *
 * Lifetime: a socket is referenced by its open file and by its peer's
 * pointer to it; its close op (the file's last reference, so no call is
 * inside it) only marks it closed, and the memory goes with the last
 * reference.
 */
#include <kernel/errno.h>
#include <kernel/sched.h>
#include <kernel/time.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <runtime/fd.h>
#include <runtime/sock.h>
#include <runtime/take.h>

#include "runtime_priv.h"
#include "socket_kind.h"
#include "unix_abi.h"

/* Bytes a socket's receive queue holds before senders wait (Linux's
 * default socket buffer is about this); the largest record too. */
#define UNIX_QUEUE_BYTES (256 * 1024)
/* Datagrams a socket's queue holds (Linux's net.unix.max_dgram_qlen is
 * 512 on current kernels). */
#define UNIX_QUEUE_DGRAMS 512
/* listen()'s largest backlog (Linux's somaxconn). */
#define UNIX_BACKLOG_MAX 4096
/* The process Linux programs see (getpid() is 1 in both personalities). */
#define UNIX_PID 1

enum usock_state { US_NEW, US_LISTEN, US_CONN };

/* One send's bytes (or one record) in a receive queue. */
struct umsg {
	struct umsg *next;
	size_t len, off;     /* bytes, and bytes a stream read already */
	struct file **files; /* SCM_RIGHTS, delivered with the first byte */
	int nfiles;
	struct unix_name from; /* the sender's name (datagrams) */
	unsigned char data[];
};

struct usock {
	int type;
	enum usock_state state;
	unsigned int refs; /* the open file, the peer's pointer */
	bool open;	   /* the open file is there */
	bool nonblock;
	bool rd_shut, wr_shut; /* shutdown() here */
	int err;	       /* pending error (SO_ERROR), positive */
	struct unix_name name; /* bound, or inherited from the listener */
	struct unix_bound bound;
	bool in_table;
	void *inode; /* a path's socket inode (held), or NULL */
	struct usock *inode_next;
	struct usock *peer; /* connected to (a reference) */
	/* Received and not read yet. */
	struct umsg *rx_head, *rx_tail;
	size_t rx_bytes;
	unsigned int rx_count;
	/* A listener's connections not accepted yet. */
	struct usock *pending_head, *pending_tail, *pending_next;
	unsigned int npending, backlog;
	struct wait_queue wq;
	unsigned long events;
	uint64_t rcvtimeo, sndtimeo; /* SO_RCVTIMEO/SO_SNDTIMEO, ns; 0 none */
};

static struct unix_table names;
static const struct fd_ops unix_fd_ops;
/* The sockets bound to an inode of the file system. */
static struct usock *inode_socks;

/* The files unit's (path.c), absent (NULL) from an image that has no
 * file system: paths then go in the table as abstract names do. */
extern int path_sock_bind(const char *path, void **node) __attribute__((weak));
extern int path_sock_find(const char *path, void **node) __attribute__((weak));
extern void path_sock_put(void *node) __attribute__((weak));

static bool is_path(const struct unix_name *n)
{
	return n->len && n->bytes[0];
}

static bool in_fs(const struct unix_name *n)
{
	return is_path(n) && path_sock_bind;
}

/* n (a path) as a C string. */
static void path_of(const struct unix_name *n, char buf[UNIX_PATH_MAX + 1])
{
	memcpy(buf, n->bytes, n->len);
	buf[n->len] = 0;
}

/* The socket named n (no reference taken): through its inode for a path
 * in the file system, else the table. -ENOENT for a path that is not
 * there (-ENOTDIR ...), -ECONNREFUSED for a file that is no socket or
 * a socket inode nobody is bound to, as Linux. */
static long find_named(const struct unix_name *n, struct usock **out)
{
	char path[UNIX_PATH_MAX + 1];
	struct usock *s;
	void *node;
	long r;

	if (in_fs(n)) {
		path_of(n, path);
		if ((r = path_sock_find(path, &node)) < 0)
			return r;
		for (s = inode_socks; s && s->inode != node; s = s->inode_next)
			;
	} else {
		s = unix_table_find(&names, n);
	}
	if (!s)
		return is_path(n) && !in_fs(n) ? -ENOENT : -ECONNREFUSED;
	*out = s;
	return 0;
}

static struct usock *usock_new(int type)
{
	struct usock *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->type = type;
	s->refs = 1;
	s->open = true;
	wq_init(&s->wq);
	s->bound.owner = s;
	return s;
}

static void usock_put(struct usock *s)
{
	if (--s->refs == 0)
		free(s);
}

/* s's readiness may have changed: wake its waiters and the pollers. */
static void changed(struct usock *s)
{
	if (!s)
		return;
	s->events++;
	wq_wake_all(&s->wq);
	runtime_poll_wake();
}

static void umsg_free(struct umsg *m)
{
	int i;

	for (i = 0; i < m->nfiles; i++)
		file_put(m->files[i]);
	free(m->files);
	free(m);
}

/* Whether s will receive nothing more than its queue holds. */
static bool rcv_shut(const struct usock *s)
{
	if (s->rd_shut)
		return true;
	if (s->type == SOCK_DGRAM || s->state != US_CONN)
		return false;
	return !s->peer->open || s->peer->wr_shut;
}

/* Whether a stream or seqpacket s can send no more. */
static bool snd_shut(const struct usock *s)
{
	return s->wr_shut || !s->peer->open || s->peer->rd_shut;
}

/* Whether target has room for a record of len bytes (streams take what
 * fits: any room). */
static bool has_room(const struct usock *t, size_t len)
{
	if (t->type == SOCK_DGRAM && t->rx_count >= UNIX_QUEUE_DGRAMS)
		return false;
	if (!t->rx_head)
		return true; /* anything up to the limit goes in */
	return t->rx_bytes + len <= UNIX_QUEUE_BYTES;
}

/* --- Sending ------------------------------------------------------------ */

/* The open files of the fds in m's SCM_RIGHTS, each referenced, into
 * *files (*n of them). */
static long take_files(const struct sock_msg *m, struct file ***files, int *n)
{
	int fds[UNIX_MAX_FDS], i;
	long r;

	*files = NULL;
	*n = 0;
	if (!m->control || !m->controllen)
		return 0;
	r = unix_cmsg_rights(m->control, m->controllen, fds, n);
	if (r < 0 || !*n)
		return r;
	*files = calloc((size_t)*n, sizeof(**files));
	if (!*files)
		return -ENOMEM;
	for (i = 0; i < *n; i++) {
		(*files)[i] = fd_get(fds[i]);
		if (!(*files)[i]) {
			while (i--)
				file_put((*files)[i]);
			free(*files);
			*files = NULL;
			return -EBADF;
		}
	}
	return 0;
}

static void put_files(struct file **files, int n)
{
	int i;

	for (i = 0; i < n; i++)
		file_put(files[i]);
	free(files);
}

/* Queue len bytes of the iovecs (from skip on) at t, with the files. */
static long enqueue(struct usock *s, struct usock *t, const struct sock_msg *m,
		    size_t skip, size_t len, struct file **files, int nfiles)
{
	struct umsg *u = malloc(sizeof(*u) + len);

	if (!u)
		return -ENOMEM;
	u->next = NULL;
	u->len = len;
	u->off = 0;
	u->files = files;
	u->nfiles = nfiles;
	u->from = s->name;
	sock_iov_gather(m->iov, m->iovlen, skip, u->data, len);
	if (t->rx_tail)
		t->rx_tail->next = u;
	else
		t->rx_head = u;
	t->rx_tail = u;
	t->rx_bytes += len;
	t->rx_count++;
	changed(t);
	return 0;
}

static bool would_block(const struct usock *s, int flags)
{
	return s->nonblock || (flags & MSG_DONTWAIT);
}

/* The deadline of a wait under a timeout of ns (0: none). */
static uint64_t deadline_of(uint64_t ns)
{
	return ns ? time_monotonic_ns() + ns : 0;
}

/* Wait on wq until woken: false once the deadline (0: none) passed. */
static bool wait_until(struct wait_queue *wq, uint64_t deadline)
{
	if (!deadline) {
		wq_wait(wq);
		return true;
	}
	return time_monotonic_ns() < deadline && wq_wait_until(wq, deadline);
}

/* A stream: as much as there is room for, waiting for more room unless
 * non-blocking; the files go with the first bytes. */
static long send_stream(struct usock *s, const struct sock_msg *m, int flags,
			struct file **files, int nfiles)
{
	size_t total = sock_iov_total(m->iov, m->iovlen), done = 0, room, n;
	uint64_t dl = deadline_of(s->sndtimeo);
	struct usock *p = s->peer;
	long r;

	while (done < total || (!total && nfiles)) {
		if (snd_shut(s)) {
			r = done ? (long)done : sock_epipe(flags);
			goto out;
		}
		room = p->rx_head ? (p->rx_bytes < UNIX_QUEUE_BYTES
					 ? UNIX_QUEUE_BYTES - p->rx_bytes
					 : 0)
				  : UNIX_QUEUE_BYTES;
		if (!room) {
			if (would_block(s, flags) || !wait_until(&p->wq, dl)) {
				r = done ? (long)done : -EAGAIN;
				goto out;
			}
			continue;
		}
		n = total - done < room ? total - done : room;
		r = enqueue(s, p, m, done, n, files, nfiles);
		if (r < 0) {
			r = done ? (long)done : r;
			goto out;
		}
		files = NULL; /* the queue owns them now */
		nfiles = 0;
		done += n;
		if (!total)
			break;
	}
	r = (long)done;
out:
	put_files(files, nfiles);
	return r;
}

/* The socket a datagram goes to, with a reference: the address's owner,
 * or the connected peer. */
static long dgram_target(struct usock *s, const struct sock_msg *m,
			 struct usock **t)
{
	struct unix_name n;
	long r;

	if (!m->name) {
		if (s->state != US_CONN)
			return -ENOTCONN;
		if (!s->peer->open)
			return -ECONNREFUSED;
		*t = s->peer;
		(*t)->refs++;
		return 0;
	}
	r = unix_name_parse(m->name, m->namelen, &n);
	if (r < 0)
		return r;
	if ((r = find_named(&n, t)) < 0)
		return r;
	if ((*t)->type != s->type)
		return -EPROTOTYPE;
	(*t)->refs++;
	return 0;
}

/* A record (datagram or seqpacket): whole, once there is room. */
static long send_record(struct usock *s, const struct sock_msg *m, int flags,
			struct file **files, int nfiles)
{
	size_t total = sock_iov_total(m->iov, m->iovlen);
	uint64_t dl = deadline_of(s->sndtimeo);
	struct usock *t;
	long r;

	if (s->type == SOCK_DGRAM) {
		if (s->wr_shut) {
			put_files(files, nfiles);
			return sock_epipe(flags);
		}
		r = dgram_target(s, m, &t);
	} else {
		t = s->peer;
		t->refs++;
		r = 0;
	}
	if (r < 0) {
		put_files(files, nfiles);
		return r;
	}
	if (total > UNIX_QUEUE_BYTES)
		r = -EMSGSIZE;
	while (r == 0) {
		if (s->type != SOCK_DGRAM && snd_shut(s)) {
			r = sock_epipe(flags);
		} else if (!t->open || t->rd_shut) {
			r = -ECONNREFUSED;
		} else if (has_room(t, total)) {
			r = enqueue(s, t, m, 0, total, files, nfiles);
			if (r == 0) {
				files = NULL;
				nfiles = 0;
				r = (long)total;
			}
			break;
		} else if (would_block(s, flags) || !wait_until(&t->wq, dl)) {
			r = -EAGAIN;
		}
	}
	usock_put(t);
	put_files(files, nfiles);
	return r;
}

static long unix_sendmsg(void *obj, const struct sock_msg *m, int flags)
{
	struct usock *s = obj;
	struct file **files;
	int nfiles;
	long r;

	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_EOR | MSG_MORE))
		return -EOPNOTSUPP;
	if (s->type != SOCK_DGRAM) {
		if (s->state != US_CONN)
			return -ENOTCONN;
		if (m->name) /* Linux: a connected stream has its peer */
			return -EISCONN;
	}
	r = take_files(m, &files, &nfiles);
	if (r < 0)
		return r;
	if (s->type == SOCK_STREAM)
		return send_stream(s, m, flags, files, nfiles);
	return send_record(s, m, flags, files, nfiles);
}

/* --- Receiving ---------------------------------------------------------- */

/* Install u's files as fds and describe them in m's control room. Files
 * that do not fit are closed and MSG_CTRUNC set, as on Linux. With
 * MSG_CMSG_CLOEXEC the new fds are close-on-exec from the start, so that
 * a fork and exec in another thread never sees them without the flag. */
static void deliver_files(struct umsg *u, struct sock_msg *m, int flags,
			  size_t *used)
{
	int fds[UNIX_MAX_FDS], i, n = 0, fit = 0;

	for (i = 0; i < u->nfiles; i++) {
		int fd = fd_install(u->files[i], 0);

		file_put(u->files[i]); /* the table holds it now */
		if (fd >= 0 && (flags & MSG_CMSG_CLOEXEC))
			fd_set_cloexec(fd, true);
		if (fd >= 0)
			fds[n++] = fd;
		else
			m->flags |= MSG_CTRUNC;
	}
	free(u->files);
	u->files = NULL;
	u->nfiles = 0;
	if (!n)
		return;
	*used = unix_cmsg_put_rights(m->control, m->controllen, fds, n, &fit);
	for (i = fit; i < n; i++)
		fd_close(fds[i]);
	if (fit < n)
		m->flags |= MSG_CTRUNC;
}

static void dequeue(struct usock *s)
{
	struct umsg *u = s->rx_head;

	s->rx_head = u->next;
	if (!s->rx_head)
		s->rx_tail = NULL;
	s->rx_bytes -= u->len - u->off;
	s->rx_count--;
	umsg_free(u);
}

/* Wait for something to read: 0 when the queue has a message, else the
 * result to return (0 at the end, an error). */
static long wait_readable(struct usock *s, int flags)
{
	uint64_t dl = deadline_of(s->rcvtimeo);

	for (;;) {
		if (s->state == US_LISTEN)
			return -EINVAL;
		if (s->type != SOCK_DGRAM && s->state != US_CONN)
			return -ENOTCONN;
		if (s->rx_head)
			return 1;
		if (s->err) {
			long e = -s->err;

			s->err = 0;
			return e;
		}
		if (rcv_shut(s))
			return 0;
		if (would_block(s, flags) || !wait_until(&s->wq, dl))
			return -EAGAIN;
	}
}

/* The sender's name for recvmsg(): none (length 0) when it has none,
 * as Linux gives it. */
static void name_out(const struct unix_name *n, struct sock_msg *m)
{
	if (!m->name)
		return;
	if (n->len)
		unix_name_out(n, m->name, &m->namelen);
	else
		m->namelen = 0;
}

/* A stream read: bytes across messages until the iovecs are full or
 * the next message carries files (those come with their own read). */
static long recv_stream(struct usock *s, struct sock_msg *m, int flags,
			size_t *used)
{
	size_t total = sock_iov_total(m->iov, m->iovlen), got = 0, k;
	bool peek = flags & MSG_PEEK;
	struct umsg *u;
	long r;

	for (;;) {
		r = wait_readable(s, got ? flags | MSG_DONTWAIT : flags);
		if (r <= 0)
			return got ? (long)got : r;
		u = s->rx_head;
		if (peek) {
			/* Look without taking: across the queue. */
			for (; u && got < total; u = u->next) {
				k = u->len - u->off;
				if (k > total - got)
					k = total - got;
				sock_iov_scatter(m->iov, m->iovlen, got,
						 u->data + u->off, k);
				got += k;
			}
			name_out(&s->peer->name, m);
			return (long)got;
		}
		/* The bytes stay when the reader cannot receive them. */
		k = s->rx_bytes < total - got ? s->rx_bytes : total - got;
		if ((r = fd_take_check(got + k)) < 0)
			return got ? (long)got : r;
		while (u && got < total) {
			if (u->nfiles && got)
				break;
			if (u->nfiles)
				deliver_files(u, m, flags, used);
			k = u->len - u->off;
			if (k > total - got)
				k = total - got;
			sock_iov_scatter(m->iov, m->iovlen, got,
					 u->data + u->off, k);
			got += k;
			u->off += k;
			s->rx_bytes -= k;
			if (u->off == u->len)
				dequeue(s);
			u = s->rx_head;
			if (u && u->nfiles)
				break;
		}
		changed(s); /* room for the writers */
		changed(s->peer);
		name_out(&s->peer->name, m);
		if (!(flags & MSG_WAITALL) || got >= total || !total)
			return (long)got;
		if (u && u->nfiles)
			return (long)got;
		/* MSG_WAITALL: wait for the rest, unless the end comes. */
		r = wait_readable(s, flags);
		if (r <= 0)
			return (long)got;
	}
}

/* A record: one message, cut to the iovecs (MSG_TRUNC). */
static long recv_record(struct usock *s, struct sock_msg *m, int flags,
			size_t *used)
{
	size_t total = sock_iov_total(m->iov, m->iovlen), k;
	struct umsg *u;
	long r = wait_readable(s, flags);

	if (r <= 0)
		return r;
	u = s->rx_head;
	k = u->len < total ? u->len : total;
	if (!(flags & MSG_PEEK) && (r = fd_take_check(k)) < 0)
		return r; /* the record stays */
	sock_iov_scatter(m->iov, m->iovlen, 0, u->data, k);
	if (u->len > total)
		m->flags |= MSG_TRUNC;
	name_out(&u->from, m);
	r = (flags & MSG_TRUNC) ? (long)u->len : (long)k;
	if (flags & MSG_PEEK)
		return r;
	if (u->nfiles)
		deliver_files(u, m, flags, used);
	u->off = 0;
	dequeue(s);
	changed(s);
	if (s->type != SOCK_DGRAM)
		changed(s->peer);
	return r;
}

static long unix_recvmsg(void *obj, struct sock_msg *m, int flags)
{
	struct usock *s = obj;
	size_t used = 0;
	long r;

	if (flags & ~(MSG_DONTWAIT | MSG_PEEK | MSG_TRUNC | MSG_WAITALL |
		      MSG_CMSG_CLOEXEC | MSG_NOSIGNAL))
		return -EOPNOTSUPP;
	m->flags = 0;
	if (s->type == SOCK_STREAM)
		r = recv_stream(s, m, flags, &used);
	else
		r = recv_record(s, m, flags, &used);
	m->controllen = used;
	return r;
}

/* --- Connections -------------------------------------------------------- */

static void pair(struct usock *a, struct usock *b)
{
	a->peer = b;
	b->refs++;
	b->peer = a;
	a->refs++;
	a->state = b->state = US_CONN;
}

static long unix_bind(void *obj, const void *addr, unsigned int len)
{
	struct usock *s = obj;
	struct unix_name n;
	long r = unix_name_parse(addr, len, &n);

	if (r < 0)
		return r;
	if (s->in_table || s->name.len)
		return -EINVAL;
	if (in_fs(&n)) {
		char path[UNIX_PATH_MAX + 1];

		path_of(&n, path);
		/* An existing name, "/" and "//" too: EADDRINUSE. */
		if ((r = path_sock_bind(path, &s->inode)) < 0)
			return r == -EEXIST ? -EADDRINUSE : r;
		s->inode_next = inode_socks;
		inode_socks = s;
		s->name = n;
		return 0;
	}
	if (!n.len && (r = unix_table_autoname(&names, &n)) < 0)
		return r;
	s->bound.name = n;
	r = unix_table_add(&names, &s->bound);
	if (r < 0)
		return r;
	s->in_table = true;
	s->name = n;
	return 0;
}

static long unix_listen(void *obj, int backlog)
{
	struct usock *s = obj;

	if (s->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	if (s->state == US_CONN || (!s->in_table && !s->inode))
		return -EINVAL;
	if (backlog < 0 || backlog > UNIX_BACKLOG_MAX)
		backlog = UNIX_BACKLOG_MAX;
	s->backlog = (unsigned int)backlog;
	s->state = US_LISTEN;
	changed(s);
	return 0;
}

/* The listener bound to name, with a reference, waiting for room in its
 * backlog unless non-blocking. */
static long find_listener(struct usock *s, const struct unix_name *n,
			  struct usock **out)
{
	struct usock *l;
	long r = find_named(n, &l);

	if (r < 0)
		return r;
	if (l->type != s->type)
		return -EPROTOTYPE;
	l->refs++;
	for (;;) {
		if (!l->open || l->state != US_LISTEN) {
			usock_put(l);
			return -ECONNREFUSED;
		}
		if (l->npending <= l->backlog)
			break;
		if (s->nonblock) {
			usock_put(l);
			return -EAGAIN;
		}
		wq_wait(&l->wq);
	}
	*out = l;
	return 0;
}

static long unix_connect(void *obj, const void *addr, unsigned int len)
{
	struct usock *s = obj, *l, *e;
	struct unix_name n;
	uint16_t family;
	long r;

	if (s->type == SOCK_DGRAM && addr && len >= 2) {
		memcpy(&family, addr, 2);
		if (family == AF_UNSPEC) { /* dissolve the association */
			if (s->peer)
				usock_put(s->peer);
			s->peer = NULL;
			s->state = US_NEW;
			return 0;
		}
	}
	r = unix_name_parse(addr, len, &n);
	if (r < 0)
		return r;
	if (s->type == SOCK_DGRAM) {
		if ((r = find_named(&n, &l)) < 0)
			return r;
		if (l->type != s->type)
			return -EPROTOTYPE;
		l->refs++;
		if (s->peer)
			usock_put(s->peer);
		s->peer = l;
		s->state = US_CONN;
		changed(s);
		return 0;
	}
	if (s->state == US_CONN)
		return -EISCONN;
	if (s->state == US_LISTEN)
		return -EINVAL;
	r = find_listener(s, &n, &l);
	if (r < 0)
		return r;
	if (s->state != US_NEW) { /* another thread connected it meanwhile */
		usock_put(l);
		return -EISCONN;
	}
	e = usock_new(s->type);
	if (!e) {
		usock_put(l);
		return -ENOMEM;
	}
	e->name = l->name; /* getsockname() of the accepted end */
	pair(s, e);
	/* The listener's queue holds e's first reference until accept(). */
	if (l->pending_tail)
		l->pending_tail->pending_next = e;
	else
		l->pending_head = e;
	l->pending_tail = e;
	l->npending++;
	changed(l);
	changed(s);
	usock_put(l);
	return 0;
}

/* A socket's end: its name goes, its queue is dropped (the files in it
 * closed), the peer sees the end (ECONNRESET if data was left unread,
 * as Linux does). */
static void usock_release(struct usock *s)
{
	struct usock *e;
	bool unread = s->rx_head != NULL;

	s->open = false;
	if (s->in_table)
		unix_table_remove(&names, &s->bound);
	s->in_table = false;
	if (s->inode) { /* the file stays until unlinked, as on Linux */
		struct usock **pp;

		for (pp = &inode_socks; *pp != s; pp = &(*pp)->inode_next)
			;
		*pp = s->inode_next;
		path_sock_put(s->inode);
		s->inode = NULL;
	}
	while (s->rx_head)
		dequeue(s);
	while ((e = s->pending_head)) {
		s->pending_head = e->pending_next;
		s->npending--;
		e->err = 0;
		if (e->peer)
			e->peer->err = ECONNRESET;
		usock_release(e);
	}
	s->pending_tail = NULL;
	if (s->peer) {
		if (unread && s->type != SOCK_DGRAM && s->peer->open)
			s->peer->err = ECONNRESET;
		changed(s->peer);
		usock_put(s->peer);
		s->peer = NULL;
	}
	changed(s);
	usock_put(s);
}

static long install(struct usock *s, bool nonblock)
{
	s->nonblock = nonblock;
	return fd_open(&unix_fd_ops, s, O_RDWR | (nonblock ? O_NONBLOCK : 0));
}

static long unix_accept(void *obj, void *addr, unsigned int *len, int flags)
{
	struct usock *s = obj, *e;
	uint64_t dl;
	long fd;

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	if (s->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	if (s->state != US_LISTEN)
		return -EINVAL;
	dl = deadline_of(s->rcvtimeo);
	while (!s->pending_head) {
		if (s->nonblock || !wait_until(&s->wq, dl))
			return -EAGAIN;
		if (s->state != US_LISTEN)
			return -EINVAL;
	}
	e = s->pending_head;
	fd = install(e, flags & SOCK_NONBLOCK);
	if (fd < 0)
		return fd; /* it stays queued */
	s->pending_head = e->pending_next;
	if (!s->pending_head)
		s->pending_tail = NULL;
	e->pending_next = NULL;
	s->npending--;
	changed(s); /* room in the backlog */
	if (addr && len)
		unix_name_out(&e->peer->name, addr, len);
	return fd;
}

static long unix_shutdown(void *obj, int how)
{
	struct usock *s = obj;

	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
		return -EINVAL;
	/* As Linux's: any socket, connected or not. */
	if (how != SHUT_WR)
		s->rd_shut = true;
	if (how != SHUT_RD)
		s->wr_shut = true;
	changed(s);
	if (s->type != SOCK_DGRAM && s->state == US_CONN)
		changed(s->peer);
	return 0;
}

/* --- Options and names ---------------------------------------------------- */

/* A struct timeval (two longs) as nanoseconds: 0 for none. */
static long timeout_of(const void *val, unsigned int len, uint64_t *ns)
{
	long tv[2];

	if (!val || len < sizeof(tv))
		return -EINVAL;
	memcpy(tv, val, sizeof(tv));
	if (tv[0] < 0 || tv[1] < 0 || tv[1] >= 1000000)
		return tv[0] < 0 ? 0 : -EDOM; /* Linux: negative is none */
	/* Centuries: as none (Linux's MAX_SCHEDULE_TIMEOUT), not a wrap. */
	if (tv[0] >= (long)(INT64_MAX / 1000000000ll / 2))
		*ns = 0;
	else
		*ns =
		    (uint64_t)tv[0] * 1000000000ull + (uint64_t)tv[1] * 1000ull;
	return 0;
}

static long unix_setsockopt(void *obj, int level, int name, const void *val,
			    unsigned int len)
{
	struct usock *s = obj;

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	switch (name) {
	case SO_RCVTIMEO:
		return timeout_of(val, len, &s->rcvtimeo);
	case SO_SNDTIMEO:
		return timeout_of(val, len, &s->sndtimeo);
	case SO_SNDBUF:
	case SO_RCVBUF:
	case SO_PASSCRED:
	case SO_REUSEADDR:
	case SO_KEEPALIVE:
	case SO_SNDLOWAT:
	case SO_RCVLOWAT:
	case SO_PRIORITY:
		/* Accepted: the queue sizes are fixed, credentials are the
		 * one process's. */
		return len < sizeof(int) ? -EINVAL : 0;
	default:
		return -ENOPROTOOPT;
	}
}

static long unix_getsockopt(void *obj, int level, int name, void *val,
			    unsigned int *len)
{
	struct usock *s = obj;
	int v, cred[3];
	long tv[2];
	const void *src = &v;
	unsigned int n = sizeof(v);

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	switch (name) {
	case SO_TYPE:
		v = s->type;
		break;
	case SO_DOMAIN:
		v = AF_UNIX;
		break;
	case SO_PROTOCOL:
		v = 0;
		break;
	case SO_ERROR:
		v = s->err;
		s->err = 0;
		break;
	case SO_ACCEPTCONN:
		v = s->state == US_LISTEN;
		break;
	case SO_SNDBUF:
	case SO_RCVBUF:
		v = UNIX_QUEUE_BYTES;
		break;
	case SO_PASSCRED:
	case SO_REUSEADDR:
	case SO_KEEPALIVE:
		v = 0;
		break;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		tv[0] =
		    (long)((name == SO_RCVTIMEO ? s->rcvtimeo : s->sndtimeo) /
			   1000000000ull);
		tv[1] =
		    (long)((name == SO_RCVTIMEO ? s->rcvtimeo : s->sndtimeo) %
			   1000000000ull / 1000);
		src = tv;
		n = sizeof(tv);
		break;
	case SO_PEERCRED: /* struct ucred: pid, uid, gid */
		cred[0] = s->peer ? UNIX_PID : 0;
		cred[1] = s->peer ? 0 : -1;
		cred[2] = s->peer ? 0 : -1;
		src = cred;
		n = sizeof(cred);
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (!val || !len)
		return -EFAULT;
	if (*len < n && name != SO_PEERCRED)
		return -EINVAL;
	if (*len > n)
		*len = n;
	memcpy(val, src, *len);
	return 0;
}

static long unix_name(void *obj, void *addr, unsigned int *len, bool peer)
{
	struct usock *s = obj;

	if (!len)
		return -EFAULT;
	if (peer) {
		if (!s->peer || s->state != US_CONN)
			return -ENOTCONN;
		unix_name_out(&s->peer->name, addr, len);
	} else {
		unix_name_out(&s->name, addr, len);
	}
	return 0;
}

/* --- The fd ops ----------------------------------------------------------- */

static long unix_fd_read(void *obj, void *buf, size_t len)
{
	struct sock_iov iov = {buf, len};
	struct sock_msg m = {.iov = &iov, .iovlen = 1};

	return unix_recvmsg(obj, &m, 0);
}

static long unix_fd_write(void *obj, const void *buf, size_t len)
{
	struct sock_iov iov = {(void *)buf, len};
	struct sock_msg m = {.iov = &iov, .iovlen = 1};

	return unix_sendmsg(obj, &m, 0);
}

static int unix_fd_fstat(void *obj, struct stat *st)
{
	(void)obj;
	file_stat_init(st, S_IFSOCK | S_IRWXU | S_IRWXG | S_IRWXO, 4096);
	return 0;
}

static int unix_fd_close(void *obj)
{
	usock_release(obj);
	return 0;
}

static int unix_fd_poll(void *obj)
{
	struct usock *s = obj;
	int ev = s->err ? FD_POLL_ERR : 0;

	if (s->state == US_LISTEN)
		return ev | (s->pending_head ? FD_POLL_IN : 0);
	if (s->rx_head)
		ev |= FD_POLL_IN;
	if (s->type == SOCK_DGRAM) {
		if (s->rd_shut)
			ev |= FD_POLL_IN | FD_POLL_RDHUP;
		if (s->rd_shut && s->wr_shut)
			ev |= FD_POLL_HUP;
		if (!s->peer || !s->peer->open || has_room(s->peer, 1))
			ev |= FD_POLL_OUT;
		return ev;
	}
	if (s->state != US_CONN) /* as Linux: an unconnected stream */
		return ev | FD_POLL_OUT | FD_POLL_HUP;
	if (rcv_shut(s))
		ev |= FD_POLL_IN | FD_POLL_RDHUP;
	if (rcv_shut(s) && snd_shut(s))
		ev |= FD_POLL_HUP;
	if (snd_shut(s) || has_room(s->peer, 1))
		ev |= FD_POLL_OUT;
	return ev;
}

static unsigned long unix_fd_events(void *obj)
{
	return ((struct usock *)obj)->events;
}

static int unix_fd_set_flags(void *obj, int flags)
{
	((struct usock *)obj)->nonblock = !!(flags & O_NONBLOCK);
	return 0;
}

static const struct fd_ops unix_fd_ops = {
    .read = unix_fd_read,
    .write = unix_fd_write,
    .fstat = unix_fd_fstat,
    .close = unix_fd_close,
    .poll = unix_fd_poll,
    .set_flags = unix_fd_set_flags,
    .event_count = unix_fd_events,
};

const struct sock_kind unix_sock_kind = {
    .fd_ops = &unix_fd_ops,
    .bind = unix_bind,
    .listen = unix_listen,
    .accept = unix_accept,
    .connect = unix_connect,
    .sendmsg = unix_sendmsg,
    .recvmsg = unix_recvmsg,
    .shutdown = unix_shutdown,
    .setsockopt = unix_setsockopt,
    .getsockopt = unix_getsockopt,
    .name = unix_name,
};

/* --- socket() and socketpair() -------------------------------------------- */

/* The type without its flags, checked; *nonblock from SOCK_NONBLOCK. */
static int check_type(int type, int protocol, bool *nonblock)
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);

	*nonblock = type & SOCK_NONBLOCK;
	if (protocol != 0 && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (base == SOCK_STREAM || base == SOCK_DGRAM || base == SOCK_SEQPACKET)
		return base;
	return base == SOCK_RAW ? -ESOCKTNOSUPPORT : -EINVAL;
}

long unix_sock_create(int type, int protocol)
{
	struct usock *s;
	bool nonblock;
	int base = check_type(type, protocol, &nonblock);
	long fd;

	if (base < 0)
		return base;
	s = usock_new(base);
	if (!s)
		return -ENOMEM;
	fd = install(s, nonblock);
	if (fd < 0)
		free(s);
	return fd;
}

long unix_sock_pair(int type, int protocol, int fds[2])
{
	struct usock *a, *b;
	bool nonblock;
	int base = check_type(type, protocol, &nonblock);
	long fa, fb;

	if (base < 0)
		return base;
	a = usock_new(base);
	b = usock_new(base);
	if (!a || !b) {
		free(a);
		free(b);
		return -ENOMEM;
	}
	pair(a, b);
	fa = install(a, nonblock);
	if (fa < 0) {
		usock_release(a); /* and b's end with it */
		usock_release(b);
		return fa;
	}
	fb = install(b, nonblock);
	if (fb < 0) {
		fd_close((int)fa);
		usock_release(b);
		return fb;
	}
	fds[0] = (int)fa;
	fds[1] = (int)fb;
	return 0;
}
