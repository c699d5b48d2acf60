/* traceview.c - the records of the signal tracepoints turned into what a
 * person or a script reads: filtered, named, one line each. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "siginfo.h"
#include "sigstate.h"
#include "text.h"
#include "traceview.h"
#include "util.h"

/* The generic codes, as <asm-generic/siginfo.h> numbers them. */
enum { C_USER = 0, C_TIMER = -2, C_SIGIO = -5, C_KERNEL = 0x80 };

struct tv_owed {
	pid_t pid;              /* 0: free */
	int sig;
	uint64_t n;
};

enum trace_origin trace_origin(const struct trace_rec *r)
{
	int c = r->code;

	/* send_sig(), as for PIPE and XFSZ: SI_USER to the running thread
	 * alone, which kill(2) (always to the process) never gives */
	if (c == C_USER)
		return !r->u.gen.group && r->tid == r->u.gen.tid ? TORIG_KERNEL_FOR : TORIG_PROCESS;
	if (c == C_KERNEL || c == C_TIMER || c == C_SIGIO)
		return TORIG_KERNEL;
	if (c < 0)
		return TORIG_PROCESS;   /* sigqueue, tgkill, mq_notify... */
	/* a code of the kernel's own: a fault of the running thread, or a
	 * child telling its parent; other ones (POLL_*) come from anywhere */
	return r->sig == SIGCHLD || r->tid == r->u.gen.tid ? TORIG_KERNEL_FOR : TORIG_KERNEL;
}

void tview_init(struct trace_view *v, const struct trace_view_opts *o)
{
	memset(v, 0, sizeof *v);
	v->o = *o;
	tasks_init(&v->tasks);
}

void tview_free(struct trace_view *v)
{
	tasks_free(&v->tasks);
	free(v->owed);
	v->owed = NULL;
}

void tview_seed(struct trace_view *v)
{
	tasks_seed(&v->tasks);
}

void tview_track(struct trace_view *v, pid_t pid)
{
	struct trace_task *t = tasks_put(&v->tasks, pid);

	t->pid = pid;
	t->exited = 0;
	t->tracked = true;
}

/* ---- deliveries owed to the generations shown (--sender) ---- */

static struct tv_owed *owed_slot(struct trace_view *v, pid_t pid, int sig, bool add)
{
	size_t i;

	if (v->owed_cap == 0 || (add && (v->owed_n + 1) * 2 > v->owed_cap)) {
		struct tv_owed *old = v->owed;
		size_t oldcap = v->owed_cap;
		v->owed_cap = oldcap ? oldcap * 2 : 64;
		v->owed = xmalloc(v->owed_cap * sizeof *v->owed);
		memset(v->owed, 0, v->owed_cap * sizeof *v->owed);
		v->owed_n = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i].pid && old[i].n)
				*owed_slot(v, old[i].pid, old[i].sig, true) = old[i];
		free(old);
	}
	for (i = ((uint32_t)pid * 2654435761u + (unsigned)sig) & (v->owed_cap - 1);;
	     i = (i + 1) & (v->owed_cap - 1)) {
		if (v->owed[i].pid == pid && v->owed[i].sig == sig)
			return &v->owed[i];
		if (!v->owed[i].pid) {
			if (!add)
				return NULL;
			v->owed_n++;
			v->owed[i] = (struct tv_owed){ .pid = pid, .sig = sig };
			return &v->owed[i];
		}
	}
}

/* ---- what is shown ---- */

static bool is_sender(const struct trace_view *v, pid_t pid)
{
	for (size_t i = 0; i < v->o.nsenders; i++)
		if (v->o.senders[i] == pid)
			return true;
	return false;
}

/* The process of task tid, as far as the records tell. */
static pid_t pid_of(const struct trace_view *v, pid_t tid)
{
	const struct trace_task *t = tasks_get(&v->tasks, tid);

	return t && t->pid ? t->pid : tid;
}

static bool want_generate(struct trace_view *v, const struct trace_rec *r, enum trace_origin o)
{
	bool from_task = o != TORIG_KERNEL;

	if (v->o.senders && !(from_task && is_sender(v, r->pid)))
		return false;
	if (v->o.only_tracked && !(from_task && tasks_tracked(&v->tasks, r->tid))
	    && !tasks_tracked(&v->tasks, r->u.gen.tid))
		return false;
	/* a delivery will follow unless the signal was dropped or merged */
	if (v->o.senders && (r->u.gen.result == TRES_DELIVERED
			     || r->u.gen.result == TRES_LOST_INFO))
		owed_slot(v, pid_of(v, r->u.gen.tid), r->sig, true)->n++;
	return true;
}

static bool want_deliver(struct trace_view *v, const struct trace_rec *r)
{
	struct tv_owed *w;

	if (v->o.no_deliveries)
		return false;
	if (v->o.only_tracked && !tasks_tracked(&v->tasks, r->tid))
		return false;
	if (v->o.senders) {
		if (!(w = owed_slot(v, r->pid, r->sig, false)) || !w->n)
			return false;
		w->n--;
	}
	return true;
}

/* ---- text ---- */

static void put_time(const struct trace_view *v, uint64_t t)
{
	char b[24];
	uint64_t d = t > v->o.t0 ? t - v->o.t0 : 0, us = d / 1000 % 1000000;
	char frac[7];

	out_puts(fmt_uint(b, d / 1000000000));
	for (int i = 5; i >= 0; i--, us /= 10)
		frac[i] = (char)('0' + us % 10);
	frac[6] = '\0';
	out_putc('.');
	out_puts(frac);
}

static void put_signame(int sig)
{
	char nb[SIG_NAME_MAX], b[24];
	const char *n = sig_name(sig, nb);

	if (n) {
		out_puts(n);
	} else {
		out_puts("signal ");
		out_puts(fmt_uint(b, (unsigned)sig));
	}
}

static const char *code_text(int sig, int code, char b[24])
{
	const char *n = sig_code_name(sig, code);

	if (n)
		return n;
	snprintf(b, 24, "%d", code);
	return b;
}

/* comm[PID], or comm[PID/TID] for a thread other than the main one */
static void put_task(const char *comm, pid_t pid, pid_t tid)
{
	char clean[TEXT_CLEAN_SIZE(TRACE_COMM_MAX)], b[24];

	text_clean(clean, sizeof clean, comm, strnlen(comm, TRACE_COMM_MAX));
	out_puts(clean);
	out_putc('[');
	out_puts(fmt_uint(b, (unsigned)pid));
	if (tid != pid) {
		out_putc('/');
		out_puts(fmt_uint(b, (unsigned)tid));
	}
	out_putc(']');
}

static const char *const result_words[] = {
	N_("delivered"), N_("ignored"), N_("pending"), N_("overflow"), N_("lost-info"),
};

static const char *result_word(int res)
{
	return res >= 0 && res < (int)ARRAY_SIZE(result_words) ? result_words[res] : NULL;
}

static const char *task_comm(const struct trace_view *v, pid_t tid)
{
	const struct trace_task *t = tasks_get(&v->tasks, tid);

	return t ? t->comm : "?";
}

static void text_generate(const struct trace_view *v, const struct trace_rec *r,
			  enum trace_origin o)
{
	pid_t tpid = pid_of(v, r->u.gen.tid);
	const char *res = result_word(r->u.gen.result);
	char b[24];

	if (o == TORIG_PROCESS) {
		put_task(task_comm(v, r->tid), r->pid, r->tid);
	} else {
		out_puts(_("kernel"));
		if (o == TORIG_KERNEL_FOR && r->pid != tpid) {
			out_putc(':');
			put_task(task_comm(v, r->tid), r->pid, r->tid);
		}
	}
	out_puts(" -> ");
	put_task(r->u.gen.comm, tpid, r->u.gen.tid);
	out_puts("  ");
	out_puts(code_text(r->sig, r->code, b));
	out_puts("  ");
	if (res)
		out_puts(_(res));
	else
		out_printf(_("result %d"), r->u.gen.result);
}

static void text_deliver(const struct trace_view *v, const struct trace_rec *r)
{
	enum sig_action a = sig_default_action(r->sig);

	out_puts(_("delivered to "));
	put_task(task_comm(v, r->tid), r->pid, r->tid);
	out_puts(": ");
	if (r->u.del.handler == (uint64_t)(uintptr_t)SIG_DFL)
		out_printf(_("default action (%s)"), sig_valid(r->sig) ? sig_action_name(a) : "?");
	else if (r->u.del.handler == (uint64_t)(uintptr_t)SIG_IGN)
		out_puts(_("ignored"));
	else
		out_puts(_("handler"));
}

/* ---- JSON ---- */

/* The keys and the punctuation between them, written as they are: this
 * runs for every event of a burst, and the keys need no escaping. */
#define LIT(s) out_write(s, sizeof s - 1)

static void json_task(const char *comm, pid_t pid, pid_t tid)
{
	LIT("{\"pid\":");
	out_int(pid);
	LIT(",\"tid\":");
	out_int(tid);
	LIT(",\"comm\":");
	json_strn(comm, strnlen(comm, TRACE_COMM_MAX));
	out_putc('}');
}

/* {"time", "event", "signo", "name", "code" */
static void json_head(const struct trace_view *v, const struct trace_rec *r, bool gen)
{
	char nb[SIG_NAME_MAX], b[24];
	const char *name = sig_name(r->sig, nb);

	LIT("{\"time\":");
	put_time(v, r->time);
	if (gen)
		LIT(",\"event\":\"generate\",\"signo\":");
	else
		LIT(",\"event\":\"deliver\",\"signo\":");
	out_int(r->sig);
	LIT(",\"name\":");
	if (name)
		json_str(name);
	else
		out_puts("null");
	LIT(",\"code\":");
	json_str(code_text(r->sig, r->code, b));
}

static void json_generate(const struct trace_view *v, const struct trace_rec *r,
			  enum trace_origin o)
{
	const char *res = result_word(r->u.gen.result);

	json_head(v, r, true);
	if (o == TORIG_PROCESS)
		LIT(",\"origin\":\"process\",\"sender\":");
	else
		LIT(",\"origin\":\"kernel\",\"sender\":");
	if (o == TORIG_KERNEL)
		out_puts("null");
	else
		json_task(task_comm(v, r->tid), r->pid, r->tid);
	LIT(",\"target\":");
	json_task(r->u.gen.comm, pid_of(v, r->u.gen.tid), r->u.gen.tid);
	if (r->u.gen.group)
		LIT(",\"scope\":\"process\",\"result\":");
	else
		LIT(",\"scope\":\"thread\",\"result\":");
	if (res)
		json_str(res);
	else
		out_int(r->u.gen.result);
	LIT("}\n");
}

static const struct { unsigned long bit; const char *name; } sa_names[] = {
	{ SA_NOCLDSTOP, "SA_NOCLDSTOP" }, { SA_NOCLDWAIT, "SA_NOCLDWAIT" },
	{ SA_SIGINFO, "SA_SIGINFO" }, { SA_ONSTACK, "SA_ONSTACK" },
	{ SA_RESTART, "SA_RESTART" }, { SA_NODEFER, "SA_NODEFER" },
	{ SA_RESETHAND, "SA_RESETHAND" },
};

static void json_deliver(const struct trace_view *v, const struct trace_rec *r,
			 bool group_exit)
{
	uint64_t h = r->u.del.handler;
	bool ff = true;

	json_head(v, r, false);
	LIT(",\"target\":");
	json_task(task_comm(v, r->tid), r->pid, r->tid);
	LIT(",\"action\":");
	json_str(h == (uint64_t)(uintptr_t)SIG_DFL ? "default"
		 : h == (uint64_t)(uintptr_t)SIG_IGN ? "ignored" : "handler");
	LIT(",\"default_action\":");
	if (sig_valid(r->sig))
		json_str(sig_action_name(sig_default_action(r->sig)));
	else
		out_puts("null");
	if (group_exit)
		LIT(",\"group_exit\":true,\"sa_flags\":[");
	else
		LIT(",\"group_exit\":false,\"sa_flags\":[");
	for (size_t i = 0; i < ARRAY_SIZE(sa_names); i++)
		if (r->u.del.flags & sa_names[i].bit) {
			if (!ff)
				out_putc(',');
			ff = false;
			json_str(sa_names[i].name);
		}
	out_puts("]}\n");
}

/* ---- records ---- */

static void count(struct trace_view *v, const struct trace_rec *r, bool gen)
{
	v->shown++;
	if (gen)
		v->generated++;
	else
		v->delivered++;
	if (r->sig > 0 && r->sig < (int)ARRAY_SIZE(v->by_sig))
		v->by_sig[r->sig]++;
	if (v->o.count && v->shown >= v->o.count)
		v->done = true;
}

static void on_generate(struct trace_view *v, const struct trace_rec *r)
{
	enum trace_origin o = trace_origin(r);

	if (!want_generate(v, r, o))
		return;
	if (v->o.json) {
		json_generate(v, r, o);
	} else {
		put_time(v, r->time);
		out_putc(' ');
		put_signame(r->sig);
		out_puts("  ");
		text_generate(v, r, o);
		out_putc('\n');
	}
	count(v, r, true);
}

static void on_deliver(struct trace_view *v, const struct trace_rec *r, bool group_exit)
{
	if (!want_deliver(v, r))
		return;
	if (v->o.json) {
		json_deliver(v, r, group_exit);
	} else {
		put_time(v, r->time);
		out_putc(' ');
		put_signame(r->sig);
		out_puts("  ");
		text_deliver(v, r);
		if (group_exit)
			out_puts(_(", as KILL to every thread"));
		out_putc('\n');
	}
	count(v, r, false);
}

/* Signals generated for a process and not delivered yet, so that a KILL
 * delivered with no KILL sent can be told for what it is. */
static void note_generate(struct trace_view *v, const struct trace_rec *r)
{
	struct trace_task *t = tasks_get(&v->tasks, pid_of(v, r->u.gen.tid));

	if (t && sig_valid(r->sig)
	    && (r->u.gen.result == TRES_DELIVERED || r->u.gen.result == TRES_LOST_INFO))
		t->owed |= SIGBIT(r->sig);
}

/* The kernel turns a signal whose default action ends the process (and
 * dumps no core) into a KILL of every thread at once, and the tracepoint
 * then reports KILL: the signal that caused it is named instead, as a
 * group exit. */
static void note_deliver(struct trace_view *v, struct trace_rec *r, bool *group_exit)
{
	struct trace_task *t = tasks_get(&v->tasks, r->pid);

	*group_exit = false;
	if (!t || !sig_valid(r->sig))
		return;
	if (r->sig == SIGKILL && !(t->owed & SIGBIT(SIGKILL)))
		for (int s = sig_first(); s; s = sig_next(s))
			if ((t->owed & SIGBIT(s)) && sig_default_action(s) == SIGACT_TERM) {
				r->sig = s;
				*group_exit = true;
				break;
			}
	t->owed &= ~SIGBIT(r->sig);
}

static bool sig_wanted(const struct trace_view *v, int sig)
{
	return !v->o.signals || (sig_valid(sig) && (v->o.signals & SIGBIT(sig)));
}

void tview_record(const struct trace_rec *r, void *arg)
{
	struct trace_view *v = arg;
	struct trace_rec d;
	bool group_exit;

	if (v->done)
		return;
	switch (r->type) {
	case TREC_GENERATE:
		note_generate(v, r);
		if (sig_wanted(v, r->sig))
			on_generate(v, r);
		break;
	case TREC_DELIVER:
		d = *r;
		note_deliver(v, &d, &group_exit);
		if (sig_wanted(v, d.sig))
			on_deliver(v, &d, group_exit);
		break;
	case TREC_LOST:
		v->lost += r->u.lost;
		warnx_(_("%llu events lost on CPU %u: its ring buffer was full"),
		       (unsigned long long)r->u.lost, (unsigned)r->cpu);
		break;
	default:
		tasks_record(&v->tasks, r, v->o.follow);
		break;
	}
}

void tview_summary(const struct trace_view *v)
{
	char by[2048] = "", nb[SIG_NAME_MAX];
	size_t n = 0;

	for (int s = 1; s < (int)ARRAY_SIZE(v->by_sig) && n < sizeof by - 32; s++) {
		const char *name;
		if (!v->by_sig[s] || !(name = sig_name(s, nb)))
			continue;
		n += (size_t)snprintf(by + n, sizeof by - n, "%s%s %llu", n ? ", " : "", name,
				      (unsigned long long)v->by_sig[s]);
	}
	warnx_(_("%llu events (%llu generated, %llu delivered), %llu lost%s%s"),
	       (unsigned long long)v->shown, (unsigned long long)v->generated,
	       (unsigned long long)v->delivered, (unsigned long long)v->lost,
	       n ? "; " : "", by);
}
