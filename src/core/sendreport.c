/* sendreport.c - what `send` and `pidfd-send` say about each target: a
 * label a person recognises, human lines or JSON Lines on stdout, and one
 * message per failing target on stderr. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "pidfd.h"
#include "proc.h"
#include "sendreport.h"
#include "sig.h"
#include "text.h"

#define LABEL_MAX 512
#define DUR_MAX 32

static const char *signame(int signo, char buf[SIG_NAME_MAX])
{
	return signo ? sig_name(signo, buf) : "0";
}

/* A path or a name for people (it also reaches stdout): text_clean(). */
static const char *safe(const char *s, char buf[LABEL_MAX])
{
	return text_clean(buf, LABEL_MAX, s, strlen(s));
}

/* How a person names the target: "4242", "process group 7", ... */
static const char *label(const struct send_target *t, char buf[LABEL_MAX])
{
	char sb[LABEL_MAX];
	int n = 0;

	switch (t->kind) {
	case SEND_PID:
		n = snprintf(buf, LABEL_MAX, t->thread_fd ? _("thread %d") : "%d", (int)t->pid);
		if (t->has_inode)
			n += snprintf(buf + n, LABEL_MAX - n, ":%llu", (unsigned long long)t->inode);
		if (t->tgid)
			n += snprintf(buf + n, LABEL_MAX - n, _(" (a thread of process %d)"), (int)t->tgid);
		if (t->file)
			snprintf(buf + n, LABEL_MAX - n, _(" (from %s)"), safe(t->file, sb));
		if (t->name)
			snprintf(buf + n, LABEL_MAX - n, " (%s)", safe(t->name, sb));
		break;
	case SEND_PIDFD:
		if (t->pid > 0)
			snprintf(buf, LABEL_MAX, _("pidfd %d (PID %d)"), t->fd, (int)t->pid);
		else
			snprintf(buf, LABEL_MAX, _("pidfd %d"), t->fd);
		break;
	case SEND_PGID:
		snprintf(buf, LABEL_MAX, _("process group %d"), (int)t->pid);
		break;
	case SEND_ALL:
		snprintf(buf, LABEL_MAX, "%s", _("every process"));
		break;
	case SEND_THREAD:
		snprintf(buf, LABEL_MAX, _("thread %d of %d"), (int)t->tid, (int)t->pid);
		break;
	}
	return buf;
}

/* "5s", "250ms", "1.500s": for messages, locale-independent. */
static const char *duration(int64_t ns, char buf[DUR_MAX])
{
	if (ns % 1000000000 == 0)
		snprintf(buf, DUR_MAX, "%llds", (long long)(ns / 1000000000));
	else if (ns < 1000000000 && ns % 1000000 == 0)
		snprintf(buf, DUR_MAX, "%lldms", (long long)(ns / 1000000));
	else
		snprintf(buf, DUR_MAX, "%lld.%09llds", (long long)(ns / 1000000000),
			 (long long)(ns % 1000000000));
	return buf;
}

/* The target's keys of an event: target, pid, and tid or fd. */
static void json_target(const struct send_target *t, bool *first)
{
	static const char *const kinds[] = {
		[SEND_PID] = "pid", [SEND_PIDFD] = "pidfd", [SEND_PGID] = "process-group",
		[SEND_ALL] = "all", [SEND_THREAD] = "thread",
	};

	json_key(first, "target");
	json_str(kinds[t->kind]);
	json_key(first, "pid");
	if (t->kind == SEND_ALL || t->pid <= 0)
		out_puts("null");
	else
		out_uint(t->pid);
	if (t->kind == SEND_THREAD) {
		json_key(first, "tid");
		out_uint(t->tid);
	}
	if (t->kind == SEND_PIDFD) {
		json_key(first, "fd");
		out_uint(t->fd);
	}
	if (t->name) {
		json_key(first, "comm");
		json_str(t->name);
	}
}

static void json_event(const struct send_ctl *c, const struct send_target *t,
		       const char *event, int signo, bool queued, int64_t after,
		       const char *error)
{
	char nb[SIG_NAME_MAX];
	bool first = true;

	out_putc('{');
	json_key(&first, "event");
	json_str(event);
	json_key(&first, "signo");
	out_uint(signo);
	json_key(&first, "name");
	json_str(signo ? sig_name(signo, nb) : NULL);
	json_key(&first, "value");
	if (queued)
		out_printf("%d", c->value);
	else
		out_puts("null");
	json_target(t, &first);
	if (after >= 0) {
		json_key(&first, "after_ms");
		out_uint(after / 1000000);
	}
	if (error) {
		json_key(&first, "error");
		json_str(error);
	}
	out_puts("}\n");
}

/* One line for a signal sent (or, in a dry run, to be sent after `after`). */
void report_send(const struct send_ctl *c, const struct send_target *t,
			int signo, bool queued, int64_t after)
{
	char nb[SIG_NAME_MAX], lb[LABEL_MAX], db[DUR_MAX];
	const char *sig = signame(signo, nb), *who = label(t, lb);

	if (c->json)
		json_event(c, t, c->dry_run ? "would-send" : "sent", signo, queued,
			   c->dry_run ? after : -1, NULL);
	else if (!c->dry_run && queued)
		out_printf(_("sent %s with value %d to %s\n"), sig, c->value, who);
	else if (!c->dry_run)
		out_printf(_("sent %s to %s\n"), sig, who);
	else if (after > 0)
		out_printf(_("would send %s to %s after %s if it is still running\n"),
			   sig, who, duration(after, db));
	else if (queued)
		out_printf(_("would send %s with value %d to %s\n"), sig, c->value, who);
	else
		out_printf(_("would send %s to %s\n"), sig, who);
	out_flush();
}

void report_end(const struct send_ctl *c, const struct send_target *t)
{
	char nb[SIG_NAME_MAX], lb[LABEL_MAX];

	if (c->json)
		json_event(c, t, "ended", t->last_signo, false, -1, NULL);
	else if (t->last_signo)
		out_printf(_("%s ended after %s\n"), label(t, lb), signame(t->last_signo, nb));
	else
		out_printf(_("%s ended\n"), label(t, lb));
	out_flush();
}

bool report_fail(const struct send_ctl *c, struct send_target *t, const char *event,
		 const char *code, const char *fmt, ...)
{
	char lb[LABEL_MAX], text[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	t->state = T_FAILED;
	warnx_("%s: %s", label(t, lb), text);
	if (c->json) {
		json_event(c, t, event, c->signo, false, -1, code);
		out_flush();
	}
	return false;
}

static bool process_gone(const struct send_target *t)
{
	char path[64];

	snprintf(path, sizeof path, "/proc/%d", (int)t->pid);
	return access(path, F_OK) < 0;
}

/* The message for err from sending to (or opening) t. */
bool report_errno(const struct send_ctl *c, struct send_target *t, int err)
{
	const char *text = strerror(err);

	switch (err) {
	case ESRCH:
		if (t->kind == SEND_PGID)
			text = _("no such process group");
		else if (t->kind == SEND_ALL)
			text = _("no process could be signalled");
		else if (t->kind == SEND_THREAD && !process_gone(t))
			text = _("no such thread in that process");
		else if (c->scope == SCOPE_PGRP && t->fd >= 0 && pfd_send(t->fd, 0, NULL, 0) == 0)
			return report_refusal(c, t, "failed", "ESRCH", SEND_LEADS_NO_PGRP, NULL);
		else if (t->kind == SEND_PIDFD)
			text = _("the process has ended");
		else
			text = _("no such process");
		break;
	case EPERM:
		text = _("operation not permitted");
		break;
	case EAGAIN:
		/* a real-time or queued signal over the target user's limit */
		text = _("the target's signal queue is full: RLIMIT_SIGPENDING");
		break;
	case ENOSYS:
		text = _("kernel has no pidfds (Linux 5.3+ needed)");
		break;
	case EINVAL:
		if (t->kind == SEND_PIDFD && t->pid == 0)
			text = _("its process is outside our PID namespace, where the kernel lets no signal go");
		else if (c->scope != SCOPE_DEFAULT)
			return report_refusal(c, t, "failed", "EINVAL", SEND_NO_SCOPE_FLAGS, NULL);
		break;
	}
	return report_fail(c, t, "failed", strerrorname_np(err), "%s", text);
}


bool report_refusal(const struct send_ctl *c, struct send_target *t, const char *event,
		    const char *code, enum send_refusal why, const char *arg)
{
	/* the verb's words (msgids); a format with at most one %s */
	return report_fail(c, t, event, code, _(c->refusal[why]), arg ? arg : "");
}

bool report_unreadable(const struct send_ctl *c, struct send_target *t)
{
	(void)c;
	warnx_(_("cannot read pidfile '%s': %s"), t->file, send_pidfile_strerror(t->read_err));
	t->state = T_FAILED;
	return false;
}

bool report_wrong_name(const struct send_ctl *c, struct send_target *t, char *comm)
{
	char have[TEXT_CLEAN_SIZE(PROC_COMM_MAX + 1)], want[LABEL_MAX];

	return report_fail(c, t, "skipped", "name-mismatch",
			   _("its name is '%s', not '%s'; not signalled"),
			   text_clean(have, sizeof have, comm, strlen(comm)), safe(c->expect_name, want));
}

void report_timeout(const struct send_ctl *c, struct send_target *t, int64_t limit)
{
	char lb[LABEL_MAX], db[DUR_MAX];

	t->state = T_TIMEDOUT;
	warnx_(_("%s is still running after %s"), label(t, lb), duration(limit, db));
	if (c->json && c->verbose)
		json_event(c, t, "timeout", t->last_signo, false, -1, NULL);
}
