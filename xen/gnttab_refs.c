/*
 * The grant reference free list (see <kernel/gnttab_refs.h>). References
 * are reused in FIFO order: a reference that was just ended is the last to
 * come back, so a peer still holding a stale reference is less likely to
 * reach a page granted anew under the same number.
 */
#include <kernel/errno.h>
#include <kernel/gnttab_refs.h>

void gnttab_refs_init(struct gnttab_refs *r, uint32_t *next, uint32_t first,
		      uint32_t nr)
{
	uint32_t i;

	r->next = next;
	r->first = first;
	r->nr = nr;
	r->nfree = first < nr ? nr - first : 0;
	r->head = r->nfree ? first : GNTTAB_REFS_END;
	r->tail = r->nfree ? nr - 1 : GNTTAB_REFS_END;
	/* Reserved references look handed out: they can never be freed. */
	for (i = 0; i < nr; i++)
		next[i] = i < first ? GNTTAB_REFS_USED : i + 1;
	if (r->nfree)
		next[nr - 1] = GNTTAB_REFS_END;
}

long gnttab_refs_get(struct gnttab_refs *r)
{
	uint32_t ref = r->head;

	if (ref == GNTTAB_REFS_END)
		return -ENOSPC;
	r->head = r->next[ref];
	if (r->head == GNTTAB_REFS_END)
		r->tail = GNTTAB_REFS_END;
	r->next[ref] = GNTTAB_REFS_USED;
	r->nfree--;
	return ref;
}

bool gnttab_refs_in_use(const struct gnttab_refs *r, uint32_t ref)
{
	return ref >= r->first && ref < r->nr &&
	       r->next[ref] == GNTTAB_REFS_USED;
}

int gnttab_refs_put(struct gnttab_refs *r, uint32_t ref)
{
	if (!gnttab_refs_in_use(r, ref))
		return -EINVAL;
	r->next[ref] = GNTTAB_REFS_END;
	if (r->tail == GNTTAB_REFS_END)
		r->head = ref;
	else
		r->next[r->tail] = ref;
	r->tail = ref;
	r->nfree++;
	return 0;
}
