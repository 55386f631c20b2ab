/*
 * The guest's side of `xl mem-set`: a kernel thread `balloon` watches
 * memory/target (KiB) in the domain's xenstore directory and moves the
 * frames the domain holds towards it, a batch at a time: free frames go
 * back to Xen (XENMEM_decrease_reservation), absent ones are backed
 * again (XENMEM_populate_physmap) and freed into the page allocator.
 * Memory in use and a reserve of free frames are never given back; a
 * target below that is met as far as it can be, said once on the
 * console, and retried every second (memory the app frees then goes).
 * Xen counts what the domain holds, so `xl list` shows it.
 *
 * Around a save (kernel/suspend.c's hooks) the same moves make the save
 * hold only memory in use: just before the suspend hypercall every free
 * frame beyond the reserve goes back to Xen, so the toolstack copies
 * none of them (a ballooned-out pfn is not in the save), and once the
 * domain runs again, in place or restored, as many are backed again
 * before any other thread runs. A host that cannot give them all back
 * leaves the domain short, like a target it cannot reach: said on the
 * console, and the thread keeps trying to reach memory/target.
 */
#include <arch/mm.h>
#include <kernel/balloon.h>
#include <kernel/errno.h>
#include <kernel/page_alloc.h>
#include <kernel/printk.h>
#include <kernel/sched.h>
#include <kernel/suspend.h>
#include <kernel/xenstore.h>
#include <skiff/xenstore.h>

#define BALLOON_TOKEN "skiff:balloon"
#define TARGET_PATH "memory/target"
#define WAIT_MS (3600u * 1000u) /* no target to chase: just re-arm */
#define RETRY_MS 1000u		/* short of the target: try again */
#define KIB(pages) ((pages) << (PAGE_SHIFT - 10))

static struct {
	unsigned long reserve;
	unsigned long target; /* pages; valid once have_target */
	bool have_target;
	bool moved;		 /* frames moved since the target changed */
	int said;		 /* the outcome last reported (enum outcome) */
	unsigned long saved_out; /* frames given back for a save */
	pfn_t batch[BALLOON_BATCH];
} bal;

static void state(struct balloon_state *s)
{
	s->held = page_alloc_total_pages();
	s->free = page_alloc_free_pages();
	s->absent = page_alloc_absent_pages();
	s->reserve = bal.reserve;
}

/* Give up to n free frames back to Xen; returns how many went. */
static unsigned long release(unsigned long n)
{
	unsigned long i, k, done;

	n = MIN(n, BALLOON_BATCH);
	for (k = 0; k < n; k++) {
		bal.batch[k] = page_alloc(1);
		if (!bal.batch[k])
			break;
	}
	done = arch_balloon_release(bal.batch, k);
	for (i = 0; i < done; i++)
		page_mark_absent(bal.batch[i]);
	for (; i < k; i++)
		page_free(bal.batch[i], 1);
	return done;
}

/* Back up to n absent pfns and free them; returns how many came. */
static unsigned long populate(unsigned long n)
{
	unsigned long i, k, done;

	n = MIN(n, BALLOON_BATCH);
	for (k = 0; k < n; k++) {
		bal.batch[k] = page_take_absent();
		if (!bal.batch[k])
			break;
	}
	done = arch_balloon_populate(bal.batch, k);
	for (i = 0; i < done; i++)
		page_free(bal.batch[i], 1);
	for (; i < k; i++)
		page_mark_absent(bal.batch[i]);
	return done;
}

/* Move n frames with step (release or populate), batch after batch
 * without yielding, until done or a batch moves none; how many moved. */
static unsigned long move_all(unsigned long (*step)(unsigned long),
			      unsigned long n)
{
	unsigned long done = 0, moved;

	while (done < n && (moved = step(n - done)))
		done += moved;
	return done;
}

/* Suspend hook, last: every free frame beyond the reserve back to Xen,
 * with no other thread running in between (none may allocate) and
 * nothing printed (the console may block). */
static void before_save(void)
{
	unsigned long free = page_alloc_free_pages();

	bal.saved_out =
	    move_all(release, free > bal.reserve ? free - bal.reserve : 0);
}

/* Suspend hook, after: back what before_save() gave, before any other
 * thread runs (a cancelled suspend, a checkpoint, or a new domain). */
static void after_save(const struct resume_info *ri)
{
	unsigned long want = bal.saved_out, back;

	(void)ri;
	if (!want)
		return;
	back = move_all(populate, want);
	bal.saved_out = 0;
	if (back < want)
		printk("balloon: %lu KiB left out of the save, %lu KiB of it "
		       "backed again (Xen gave no more); running short\n",
		       KIB(want), KIB(back));
	else
		printk("balloon: %lu KiB left out of the save, backed again\n",
		       KIB(want));
}

static const struct suspend_hook save_hook = {.last = before_save,
					      .after = after_save};

enum outcome { NOT_SAID, REACHED, BELOW_USE, NO_MORE };

/* Say how a target ended, once per target and outcome; nothing when the
 * target asked for no change. */
static void report(const struct balloon_step *st)
{
	struct balloon_state s;
	int outcome = !st->short_by   ? REACHED
		      : st->below_use ? BELOW_USE
				      : NO_MORE;

	if (outcome == bal.said || (outcome == REACHED && !bal.moved))
		return;
	bal.said = outcome;
	state(&s);
	if (outcome == REACHED)
		printk("balloon: at target %lu KiB\n", KIB(bal.target));
	else if (outcome == BELOW_USE)
		printk("balloon: target %lu KiB is below what is in use; "
		       "holding %lu KiB (%lu KiB free, %lu KiB of it kept as "
		       "the reserve)\n",
		       KIB(bal.target), KIB(s.held), KIB(s.free),
		       KIB(s.reserve));
	else
		printk("balloon: target %lu KiB not reached; holding %lu KiB "
		       "(Xen gave no more, or the target is above the %lu KiB "
		       "this guest can hold)\n",
		       KIB(bal.target), KIB(s.held), KIB(arch_mm_max_pages()));
}

static void read_target(void)
{
	char buf[32];
	unsigned long pages;
	int rc = xs_read(TARGET_PATH, buf, sizeof(buf));

	if (rc == -ENOENT)
		return; /* no toolstack target: nothing to follow */
	if (rc < 0 || rc >= (int)sizeof(buf) ||
	    balloon_parse_target(buf, &pages)) {
		printk("balloon: ignoring memory/target '%s' (error %d)\n",
		       rc < 0 ? "" : buf, rc < 0 ? rc : -EINVAL);
		return;
	}
	if (!bal.have_target || pages != bal.target) {
		bal.said = NOT_SAID;
		bal.moved = false;
	}
	bal.target = pages;
	bal.have_target = true;
}

/* Move towards the target a batch at a time, letting other threads run
 * in between. Returns true while short of it. */
static bool adjust(void)
{
	char path[64];
	struct balloon_step st;
	struct balloon_state s;
	unsigned long moved;

	for (;;) {
		state(&s);
		st = balloon_plan(bal.target, &s);
		if (st.release)
			moved = release(st.release);
		else if (st.populate)
			moved = populate(st.populate);
		else
			break;
		if (!moved) {
			st.short_by += st.release + st.populate;
			break;
		}
		bal.moved = true;
		thread_yield();
		/* A new target while under way: follow it from here. */
		if (xs_read_watch(BALLOON_TOKEN, path, sizeof(path), 0) >= 0)
			read_target();
	}
	report(&st);
	return st.short_by != 0;
}

/*
 * Linux's balloon driver writes control/feature-balloon. libxl (Xen
 * 4.17) neither reads nor creates it, so under xl the write fails with
 * -EACCES, which is expected; XAPI's toolstack does read it.
 */
static void advertise(void)
{
	int rc = xs_write("control/feature-balloon", "1");

	if (rc < 0 && rc != -EACCES)
		printk("balloon: cannot write control/feature-balloon: error "
		       "%d\n",
		       rc);
}

static void balloon_main(void *arg __unused)
{
	bool behind = false;
	char path[64];
	int rc;

	advertise();
	/* Xen fires a new watch once at once: the first event reads the
	 * target as it stands. */
	rc = xs_watch(TARGET_PATH, BALLOON_TOKEN);
	if (rc < 0) {
		printk("balloon: cannot watch memory/target: error %d\n", rc);
		return;
	}
	for (;;) {
		rc = xs_read_watch(BALLOON_TOKEN, path, sizeof(path),
				   behind ? RETRY_MS : WAIT_MS);
		if (rc < 0 && rc != -ETIMEDOUT)
			break;
		if (rc >= 0)
			read_target();
		if (bal.have_target)
			behind = adjust();
	}
	printk("balloon: watch lost: error %d\n", rc);
}

void balloon_init(void)
{
	struct thread *t;

	if (!xs_available())
		return;
	/* The kernel's reserve (page_alloc.c): frames the program cannot
	 * take are the ones the balloon keeps. */
	bal.reserve = page_alloc_reserve_pages();
	if (page_alloc_absent_pages())
		printk("balloon: room to grow to %lu MiB (maxmem)\n",
		       arch_mm_max_pages() >> (20 - PAGE_SHIFT));
	if (suspend_hook_add(&save_hook) < 0)
		printk("balloon: no suspend hook; saves carry free memory\n");
	t = thread_create("balloon", balloon_main, NULL, 0);
	if (!t) {
		printk("balloon: no thread; xl mem-set will not work\n");
		return;
	}
	thread_detach(t);
}
