/* lesson.c - the lesson engine of `demo`: steps run one after the other
 * (waiting for Enter if asked), each told, with the commands that do the
 * same by hand, and what the kernel showed, as text or as JSON Lines. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "i18n.h"
#include "lessonkit.h"
#include "msg.h"
#include "out.h"
#include "run.h"
#include "sigset.h"
#include "sigstate.h"
#include "util.h"

const struct lesson *const lesson_table[] = {
	&lesson_alarm, &lesson_pipe, &lesson_wakeup, &lesson_coalesce, &lesson_mask,
	&lesson_restart, &lesson_inherit, &lesson_chld, &lesson_init, NULL,
};

const char *lesson_name(const struct lesson *l) { return l->name; }
const char *lesson_summary(const struct lesson *l) { return l->summary; }
bool lesson_needs_root(const struct lesson *l) { return l->needs_root; }
size_t lesson_nsteps(const struct lesson *l) { return l->nsteps; }

const struct lesson *lesson_find(const char *name)
{
	for (const struct lesson *const *l = lesson_table; *l; l++)
		if (!strcmp((*l)->name, name))
			return *l;
	return NULL;
}

/* ---- observations */

struct obs *obs_add(struct lesson_ctx *c, const char *key, const char *label, enum obs_kind k)
{
	struct obs *o;

	if (c->nobs == LESSON_OBS_MAX)
		die(EXIT_FAILURE, "too many observations in a step");  /* a bug */
	o = &c->obs[c->nobs++];
	memset(o, 0, sizeof *o);
	o->key = key, o->label = label, o->kind = k;
	return o;
}

void obs_int(struct lesson_ctx *c, const char *key, const char *label, long long v)
{
	obs_add(c, key, label, OBS_INT)->i = v;
}

void obs_bool(struct lesson_ctx *c, const char *key, const char *label, bool v)
{
	obs_add(c, key, label, OBS_BOOL)->i = v;
}

void obs_errno(struct lesson_ctx *c, const char *key, const char *label, int err)
{
	obs_add(c, key, label, OBS_ERRNO)->i = err;
}

void obs_set(struct lesson_ctx *c, const char *key, const char *label, sigmask64 m)
{
	obs_add(c, key, label, OBS_SET)->set = m;
}

void obs_event(struct lesson_ctx *c, const char *key, const char *label, const siginfo_t *si)
{
	sig_event_from_siginfo(&obs_add(c, key, label, OBS_EVENT)->ev[0], si);
}

void obs_events(struct lesson_ctx *c, const char *key, const char *label, const siginfo_t *si,
		size_t n)
{
	struct obs *o = obs_add(c, key, label, OBS_EVENTS);

	for (o->n = 0; o->n < n && o->n < OBS_LIST_MAX; o->n++)
		sig_event_from_siginfo(&o->ev[o->n], &si[o->n]);
}

void obs_exit(struct lesson_ctx *c, const char *key, const char *label, const siginfo_t *si)
{
	obs_add(c, key, label, OBS_EXIT)->end = *si;
}

void obs_ms(struct lesson_ctx *c, const char *key, const char *label, long long ns)
{
	obs_add(c, key, label, OBS_MS)->i = ns;
}

void obs_state(struct lesson_ctx *c, const char *key, const char *label, char state)
{
	obs_add(c, key, label, OBS_STATE)->i = state;
}

void obs_disp(struct lesson_ctx *c, const char *key, const char *label, enum sig_disp d)
{
	obs_add(c, key, label, OBS_DISP)->i = d;
}

void obs_ints(struct lesson_ctx *c, const char *key, const char *label, const long long *v,
	      size_t n)
{
	struct obs *o = obs_add(c, key, label, OBS_INTS);

	for (o->n = 0; o->n < n && o->n < OBS_LIST_MAX; o->n++)
		o->v[o->n] = v[o->n];
}

void obs_notes(struct lesson_ctx *c, const char *key, const char *label, pid_t pid)
{
	struct obs *o = obs_add(c, key, label, OBS_NOTES);
	struct sigproc p;

	if (sigproc_read(pid, &p) < 0)
		return;
	o->notes = xmalloc(SIGNOTE_MAX * sizeof *o->notes);
	o->n = sigproc_notes(&p, !c->json, o->notes, SIGNOTE_MAX);
	sigproc_free(&p);
}

void obs_clear(struct lesson_ctx *c)
{
	for (size_t i = 0; i < c->nobs; i++)
		free(c->obs[i].notes);
	c->nobs = 0;
}

/* ---- text */

static const char *errno_name(int err)
{
	const char *n = err ? strerrorname_np(err) : NULL;

	return n ? n : "?";
}

static void text_exit(struct table *t, const siginfo_t *si)
{
	char db[128];

	table_cellf(t, _("%s ($? = %d)"), run_describe(si, db, sizeof db), run_shell_status(si));
}

static void text_list(struct table *t, const struct obs *o)
{
	char buf[OBS_LIST_MAX * (SIG_EVENT_TEXT_MAX + 2)];
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < o->n; i++) {
		if (i)
			n += snprintf(buf + n, sizeof buf - n, o->kind == OBS_INTS ? ", " : "; ");
		if (o->kind == OBS_INTS)
			n += snprintf(buf + n, sizeof buf - n, "%lld", o->v[i]);
		else
			n += sig_event_text(&o->ev[i], buf + n);
	}
	table_cell(t, o->n ? buf : _("none"));
}

static void text_value(struct table *t, const struct obs *o)
{
	char buf[SIGSET_TEXT_MAX];

	switch (o->kind) {
	case OBS_INT: table_cellf(t, "%lld", o->i); break;
	case OBS_BOOL: table_cell(t, o->i ? _("yes") : _("no")); break;
	case OBS_ERRNO:
		if (o->i)
			table_cellf(t, "%s (%s)", errno_name(o->i), strerror(o->i));
		else
			table_cell(t, _("none"));
		break;
	case OBS_SET: table_cell(t, sigset_text(o->set, buf, sizeof buf)); break;
	case OBS_EVENT:
		sig_event_text(&o->ev[0], buf);
		table_cell(t, buf);
		break;
	case OBS_EVENTS: case OBS_INTS: text_list(t, o); break;
	case OBS_EXIT: text_exit(t, &o->end); break;
	case OBS_STATE: table_cellf(t, "%c (%s)", (char)o->i, proc_state_text(o->i)); break;
	case OBS_DISP: table_cell(t, sig_disp_name(o->i)); break;
	case OBS_MS: table_cellf(t, _("%.1f ms"), o->i / 1e6); break;
	case OBS_NOTES: table_cell(t, o->n ? o->notes[0] : _("none")); break;
	}
}

void obs_print_text(struct lesson_ctx *c)
{
	struct table *t = table_new("ll");

	for (size_t i = 0; i < c->nobs; i++) {
		const struct obs *o = &c->obs[i];
		table_cellf(t, "    %s:", _(o->label));
		text_value(t, o);
		for (size_t k = 1; o->kind == OBS_NOTES && k < o->n; k++) {
			table_cell(t, "");
			table_cell(t, o->notes[k]);
		}
	}
	table_print(t);
}

/* ---- JSON */

static void json_exit(const siginfo_t *si)
{
	const char *code = sig_code_name(SIGCHLD, si->si_code);
	bool first = true;

	out_putc('{');
	json_key(&first, "pid");
	out_int(si->si_pid);
	json_key(&first, "code");
	json_str(code ? code : "?");
	json_key(&first, "status");
	out_int(si->si_status);
	json_key(&first, "shell_status");
	out_int(run_shell_status(si));
	out_putc('}');
}

static void json_list(const struct obs *o)
{
	out_putc('[');
	for (size_t i = 0; i < o->n; i++) {
		bool first = true;
		if (i)
			out_putc(',');
		if (o->kind == OBS_INTS) {
			out_int(o->v[i]);
			continue;
		}
		if (o->kind == OBS_NOTES) {
			json_str(o->notes[i]);
			continue;
		}
		out_putc('{');
		sig_event_json_fields(&o->ev[i], &first);
		out_putc('}');
	}
	out_putc(']');
}

static void json_value(const struct obs *o)
{
	char st[2] = { (char)o->i, '\0' };
	bool first = true;

	switch (o->kind) {
	case OBS_INT: out_int(o->i); break;
	case OBS_BOOL: out_puts(o->i ? "true" : "false"); break;
	case OBS_ERRNO:
		if (o->i)
			json_str(errno_name(o->i));
		else
			out_puts("null");
		break;
	case OBS_SET: json_sigset(o->set); break;
	case OBS_EVENT:
		out_putc('{');
		sig_event_json_fields(&o->ev[0], &first);
		out_putc('}');
		break;
	case OBS_EVENTS: case OBS_INTS: case OBS_NOTES: json_list(o); break;
	case OBS_EXIT: json_exit(&o->end); break;
	case OBS_STATE: json_str(st); break;
	case OBS_DISP: json_str(sig_disp_name(o->i)); break;
	case OBS_MS: out_printf("%.3f", o->i / 1e6); break;
	}
}

void obs_print_json(struct lesson_ctx *c)
{
	bool first = false;     /* after the step's own fields */

	for (size_t i = 0; i < c->nobs; i++) {
		json_key(&first, c->obs[i].key);
		json_value(&c->obs[i]);
	}
}

/* ---- running a lesson */

#define WRAP 78

/* Display columns of n bytes of UTF-8: a character from U+1100 on (CJK,
 * Hangul) takes two, as terminals show them. */
static size_t columns(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char b = s[i];
		w += (b & 0xc0) != 0x80;
		w += b >= 0xe1;
	}
	return w;
}

/* s as lines of at most WRAP columns, broken between words. */
static void print_wrapped(const char *s)
{
	size_t col = 0;

	while (*s) {
		size_t n = strcspn(s, " "), w = columns(s, n);
		if (col && col + 1 + w > WRAP) {
			out_putc('\n');
			col = 0;
		} else if (col) {
			out_putc(' ');
			col++;
		}
		out_write(s, n);
		col += w;
		s += n;
		s += strspn(s, " ");
	}
	out_putc('\n');
}

static void print_intro(const struct lesson_ctx *c, size_t i)
{
	const struct lesson_step *s = &c->l->steps[i];
	char *text;

	if (asprintf(&text, _("Step %zu of %zu. %s"), i + 1, c->l->nsteps, _(s->says)) < 0)
		die(EXIT_FAILURE, "%s", strerror(ENOMEM));
	out_putc('\n');
	print_wrapped(text);
	free(text);
	for (size_t k = 0; s->commands[k]; k++)
		out_printf("  $ %s\n", s->commands[k]);
}

static void print_json(struct lesson_ctx *c, size_t i)
{
	const struct lesson_step *s = &c->l->steps[i];
	bool first = true;

	out_putc('{');
	json_key(&first, "lesson");
	json_str(c->l->name);
	json_key(&first, "step");
	out_uint(i + 1);
	json_key(&first, "steps");
	out_uint(c->l->nsteps);
	json_key(&first, "pgid");
	out_int(c->pgid);
	json_key(&first, "text");
	json_str(s->says);
	json_key(&first, "commands");
	out_putc('[');
	for (size_t k = 0; s->commands[k]; k++) {
		if (k)
			out_putc(',');
		json_str(s->commands[k]);
	}
	out_putc(']');
	obs_print_json(c);
	out_puts("}\n");
}

/* A line from standard input (the terminal of a teacher): false at its
 * end, or if the lesson is being stopped. */
static bool wait_enter(void)
{
	char b;
	ssize_t n;

	if (isatty(STDIN_FILENO))
		warnx_("%s", _("press Enter for the next step (Ctrl-D: run the rest)"));
	while ((n = read(STDIN_FILENO, &b, 1)) > 0 || (n < 0 && errno == EINTR))
		if ((n > 0 && b == '\n') || lesson_stopping())
			return n > 0;
	return false;
}

static int run_step(struct lesson_ctx *c, const struct lesson_opts *o, size_t i, bool *waiting)
{
	if (!o->json)
		print_intro(c, i);
	if (out_flush() < 0)
		return 1;
	if (*waiting && !wait_enter())
		*waiting = false;
	if (lesson_stopping())
		return 0;
	if (c->l->steps[i].run(c) < 0) {
		obs_clear(c);
		return lesson_stopping() ? 0 : 1;
	}
	if (o->json)
		print_json(c, i);
	else
		obs_print_text(c);
	obs_clear(c);
	return out_flush() < 0;
}

/* End sigtool by the signal that stopped the lesson, as the shell that
 * started it expects of a program interrupted by Ctrl-C: no core, the
 * default action, unblocked. Returns 128 + sig if that did not end it. */
static int die_of(int sig)
{
	out_flush();
	sig_die(sig);
	return 128 + sig;
}

int lesson_run(const struct lesson *l, const struct lesson_opts *o)
{
	struct lesson_ctx *c = xmalloc(sizeof *c);
	bool waiting = o->step;
	int rc = 0, sig;

	memset(c, 0, sizeof *c);
	c->l = l;
	c->json = o->json;
	if (lesson_group_start(c) < 0 || (l->prepare && !lesson_stopping() && l->prepare(c) < 0))
		rc = lesson_stopping() ? 0 : 1;
	if (!rc && !o->json)
		out_printf(_("Lesson %s: %s\n"), l->name, _(l->summary));
	for (size_t i = 0; !rc && i < l->nsteps && !lesson_stopping(); i++)
		rc = run_step(c, o, i, &waiting);
	lesson_group_end(c);
	obs_clear(c);
	free(c);
	if ((sig = lesson_stopping()))
		return die_of(sig);
	return rc;
}
