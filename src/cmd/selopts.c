/* selopts.c - the selection options shared by send, pidfd-send, status,
 * pending and mask: checks, the core's refusals worded, the PIDs printed. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "cmd/selopts.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/sigstate.h"
#include "core/util.h"

void selopts_finish(struct selopts *o, const struct cmd *c, const struct cmd_args *a)
{
	struct sel *s = &o->s;

	s->has_older = cmd_given(c, a, SEL_O_OLDER);
	if (s->newest && s->oldest)
		usage_error(_("--newest and --oldest cannot be combined"));
	if ((s->exact || s->icase || s->full) && !s->pattern)
		usage_error(_("--%s needs --name"),
			    s->exact ? "exact" : s->icase ? "ignore-case" : "full");
	if (s->nslist && !s->ns)
		usage_error(_("--nslist needs --ns"));
	if (o->pids && !selopts_active(o))
		usage_error(_("--pids needs a selection (--name, --euid, --tree...)"));
}

bool selopts_active(const struct selopts *o)
{
	return sel_active(&o->s);
}

/* The option of a selector the core refused. */
static const char *part_option(enum sel_part p)
{
	static const char *const names[] = {
		[SEL_P_NONE] = "name", [SEL_P_NAME] = "name", [SEL_P_TERMINAL] = "terminal",
		[SEL_P_CGROUP] = "cgroup", [SEL_P_NS] = "ns", [SEL_P_NSLIST] = "nslist",
		[SEL_P_RUNSTATES] = "runstates", [SEL_P_TREE] = "tree",
	};
	return names[p];
}

long selopts_select(struct selopts *o, bool have_pids, struct sel_match **m)
{
	struct perr e;
	long n;
	int rc;

	*m = NULL;
	if (!selopts_active(o))
		return 0;
	if ((rc = sel_prepare(&o->s, &e)) == SEL_BAD)
		usage_error("--%s: %s", part_option(o->s.failed), e.msg);
	if (rc == SEL_ABSENT)
		die(EXIT_FAILURE, "--%s: %s", part_option(o->s.failed), e.msg);
	if ((n = sel_run(&o->s, m)) < 0)
		die(EXIT_FAILURE, _("cannot list /proc"));
	if (n == 0 && !have_pids)
		die(EXIT_FAILURE, _("no process matches"));
	if (n == 0)
		warnx_(_("no process matches"));
	return n;
}

int selopts_print_pids(const struct sel_match *m, long n)
{
	for (long i = 0; i < n; i++)
		out_printf("%d\n", (int)m[i].pid);
	return n ? EXIT_SUCCESS : EXIT_FAILURE;
}

pid_t *selopts_union(const pid_t *pids, size_t n, const struct sel_match *m, long nm,
		     size_t *total)
{
	pid_t *all = xmalloc(sizeof *all * (n + (size_t)nm + 1));
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		all[k++] = pids[i];
	for (long i = 0; i < nm; i++) {
		size_t j = 0;
		while (j < n && pids[j] != m[i].pid)
			j++;
		if (j == n)
			all[k++] = m[i].pid;
	}
	*total = k;
	return all;
}

int selopts_show_pids(struct selopts *o, const struct cmd *c, const struct cmd_args *a,
		      const pid_t *pids, size_t n, pid_t **all, size_t *nall)
{
	selopts_finish(o, c, a);
	o->nm = selopts_select(o, n > 0, &o->m);
	if (o->pids) {
		int rc = selopts_print_pids(o->m, o->nm);
		sel_free(&o->s, o->m, o->nm);
		return rc;
	}
	*all = selopts_union(pids, n, o->m, o->nm, nall);
	return -1;
}

void selopts_done(struct selopts *o, pid_t *all)
{
	sel_free(&o->s, o->m, o->nm);
	free(all);
}

static const struct sel_match *match_of(const struct selopts *o, pid_t pid)
{
	for (long i = 0; i < o->nm; i++)
		if (o->m[i].pid == pid)
			return &o->m[i];
	return NULL;
}

int selopts_each(const struct selopts *o, size_t n, const pid_t *pids,
		 void (*fn)(const struct sigproc *p, void *arg), void *arg)
{
	int rc = EXIT_SUCCESS;

	if (!o->nm)
		return sigproc_each(n, pids, fn, arg);
	for (size_t i = 0; i < n; i++) {
		const struct sel_match *m = match_of(o, pids[i]);
		struct sigproc p;
		char buf[512];

		if (sigproc_read(pids[i], &p) < 0) {
			if (m)
				continue;       /* it ended after it was selected */
			warnx_("%s", sigproc_strerror(pids[i], errno, buf, sizeof buf));
			rc = EXIT_FAILURE;
			continue;
		}
		if (!m || sel_alive(m))
			fn(&p, arg);
		sigproc_free(&p);
	}
	return rc;
}
