/*
 * Pending signals: merging standard signals, queueing real-time ones,
 * and the order a thread takes them in (sigqueue.h).
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/errno.h>

#include "sigqueue.h"

static bool realtime(int sig)
{
	return sig >= L_SIGRTMIN && sig <= L_NSIG;
}

int sigq_put(struct sig_pending *sp, int sig, const struct linux_sigpend *p,
	     struct sigq_count *c)
{
	struct sigq_node *n, **end;
	bool pending = sp->set & L_SIGBIT(sig);

	if (pending && !realtime(sig))
		return 1; /* merged into the one that waits */
	if (realtime(sig) && c->queued >= c->limit && p->code < 0)
		return -EAGAIN;
	if (!pending) {
		sp->set |= L_SIGBIT(sig);
		sp->first[sig - 1] = *p;
		c->queued += realtime(sig);
		return 0;
	}
	n = malloc(sizeof(*n));
	if (!n)
		return -ENOMEM;
	n->next = NULL;
	n->sig = sig;
	n->p = *p;
	for (end = &sp->more; *end; end = &(*end)->next)
		;
	*end = n;
	c->queued++;
	return 0;
}

bool sigq_take(struct sig_pending *sp, int sig, struct linux_sigpend *p,
	       struct sigq_count *c)
{
	struct sigq_node **pp, *n;

	if (!(sp->set & L_SIGBIT(sig))) {
		memset(p, 0, sizeof(*p));
		return false;
	}
	*p = sp->first[sig - 1];
	c->queued -= realtime(sig);
	for (pp = &sp->more; *pp; pp = &(*pp)->next)
		if ((*pp)->sig == sig)
			break;
	n = *pp;
	if (n) { /* the next instance moves up; sig stays pending */
		sp->first[sig - 1] = n->p;
		*pp = n->next;
		free(n);
	} else {
		sp->set &= ~L_SIGBIT(sig);
	}
	return true;
}

void sigq_put_first(struct sig_pending *sp, int sig,
		    const struct linux_sigpend *p)
{
	sp->set |= L_SIGBIT(sig);
	sp->first[sig - 1] = *p;
}

int sigq_next(struct sig_pending *thread, struct sig_pending *proc,
	      uint64_t want, struct linux_sigpend *p, struct sigq_count *c)
{
	int sig = sig_pick((thread->set | proc->set) & want);

	if (!sig)
		return 0;
	if (!sigq_take(thread, sig, p, c))
		sigq_take(proc, sig, p, c);
	return sig;
}
