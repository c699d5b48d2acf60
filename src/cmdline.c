/* cmdline.c - a verb's command line, parsed once by its table: words into
 * options, values and operands, each value by its kind, errors that name
 * the option and the word. Knows no verb; the unit tests link it. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/util.h"

const struct cmd_opt cmd_help_opt = {
	'h', "help", no_argument, ARG_NONE, NULL, NULL, N_("display this help and exit"),
};

const struct cmd_opt cmd_version_opt = {
	0x4100, "version", no_argument, ARG_NONE, NULL, NULL,
	N_("output version information and exit"),
};

static bool is_short(int id)
{
	return id > 0 && id < 256;
}

/* The k-th row of c's options, then --help and --version; NULL after. */
const struct cmd_opt *cmd_opt_row(const struct cmd *c, size_t k)
{
	size_t n = 0;

	while (c->opts && c->opts[n].name)
		n++;
	if (k < n)
		return &c->opts[k];
	if (k == n)
		return &cmd_help_opt;
	return k == n + 1 ? &cmd_version_opt : NULL;
}

const struct cmd_opt *cmd_opt_by_id(const struct cmd *c, int id)
{
	const struct cmd_opt *o;

	for (size_t k = 0; (o = cmd_opt_row(c, k)); k++)
		if (o->id == id)
			return o;
	return NULL;
}

const struct cmd_opt *cmd_long_opt(const struct cmd *c, const char *name, size_t len,
				   bool *ambiguous)
{
	const struct cmd_opt *o, *found = NULL;
	int matches = 0;

	for (size_t k = 0; (o = cmd_opt_row(c, k)); k++) {
		if (strlen(o->name) == len && !strncmp(o->name, name, len)) {
			found = o, matches = 1;
			break;
		}
		if (!strncmp(o->name, name, len))
			found = o, matches++;
	}
	if (ambiguous)
		*ambiguous = matches > 1;
	return matches == 1 ? found : NULL;
}

void cmd_lex_init(struct cmd_lexer *l, const struct cmd *c, int argc, char **argv)
{
	*l = (struct cmd_lexer){ .c = c, .argc = argc, .argv = argv, .i = 1 };
}

/* "--name[=value]" */
static int lex_long(struct cmd_lexer *l, struct cmd_word *w, struct perr *e)
{
	const char *word = l->argv[l->i], *name = word + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	bool ambiguous;
	const struct cmd_opt *o = cmd_long_opt(l->c, name, len, &ambiguous);

	w->index = l->i++;
	if (!o) {
		if (ambiguous)
			return perr_set(e, _("option '--%.*s' is ambiguous"), (int)len, name);
		return perr_set(e, _("unrecognized option '%s'"), word);
	}
	w->opt = o;
	if (eq && o->has_arg == no_argument)
		return perr_set(e, _("option '%s' does not take an argument"), word);
	if (eq)
		w->value = eq + 1;
	else if (o->has_arg == required_argument) {
		if (l->i < l->argc)
			w->value = l->argv[l->i++];
		else if (l->lenient)
			w->value_missing = true;
		else
			return perr_set(e, _("option '--%s' requires an argument"), o->name);
	}
	return 1;
}

/* The next option of a group of short options "-vq5". */
static int lex_short(struct cmd_lexer *l, struct cmd_word *w, struct perr *e)
{
	int ch = (unsigned char)*l->group++;
	const struct cmd_opt *o = is_short(ch) ? cmd_opt_by_id(l->c, ch) : NULL;

	w->index = l->i;
	if (!*l->group)
		l->group = NULL, l->i++;
	if (!o)
		return perr_set(e, _("invalid option -- '%c'"), ch);
	w->opt = o;
	if (o->has_arg == no_argument)
		return 1;
	if (l->group) {                 /* the rest of the word is the value */
		w->value = l->group;
		l->group = NULL, l->i++;
	} else if (o->has_arg == required_argument) {
		if (l->i < l->argc)
			w->value = l->argv[l->i++];
		else if (l->lenient)
			w->value_missing = true;
		else
			return perr_set(e, _("option requires an argument -- '%c'"), ch);
	}
	return 1;
}

/* "-5" where no digit is an option: what getopt would misread. */
static bool negative_number(const struct cmd *c, const char *word)
{
	return word[0] == '-' && c_isdigit(word[1]) && !cmd_opt_by_id(c, (unsigned char)word[1]);
}

/* The word at l->i, when no short-option group is under way: 1, 0 to look
 * again (COMMAND starts here), -1 with a message. */
static int lex_word(struct cmd_lexer *l, struct cmd_word *w, struct perr *e)
{
	const char *word = l->argv[l->i];

	w->index = l->i;
	if (l->in_command) {
		w->what = CW_COMMAND;
		l->i++;
		return 1;
	}
	if (!l->opts_done && !strcmp(word, "--")) {
		w->what = CW_ENDOPTS;
		l->opts_done = true;
		l->in_command = l->c->command != 0;
		l->i++;
		return 1;
	}
	if (l->c->command > 0 && l->nargs >= l->c->command && word[0] != '-') {
		l->in_command = true;   /* COMMAND without "--": it and all after */
		return 0;
	}
	if (l->opts_done || word[0] != '-' || !word[1]
	    || (l->c->negative_operands && negative_number(l->c, word))) {
		w->what = CW_OPERAND;
		w->negative = word[0] == '-' && word[1];
		l->nargs++;
		l->i++;
		return 1;
	}
	if (word[1] == '-')
		return lex_long(l, w, e);
	l->group = word + 1;
	return lex_short(l, w, e);
}

int cmd_lex(struct cmd_lexer *l, struct cmd_word *w, struct perr *e)
{
	for (;;) {
		int r;

		*w = (struct cmd_word){ .what = CW_OPTION };
		if (l->group)
			r = lex_short(l, w, e);
		else if (l->i >= l->argc)
			return 0;
		else
			r = lex_word(l, w, e);
		if (r == 0 || (r < 0 && l->lenient))
			continue;       /* completion: a wrong word says nothing */
		return r;
	}
}

/* "a|b|c" as "a, b or c" for a message. */
static void choice_list(const char *choices, char *buf, size_t size)
{
	size_t n = 0, total = strlen(choices);

	buf[0] = '\0';
	for (const char *p = choices; *p;) {
		size_t k = strcspn(p, "|");
		const char *sep = p == choices ? "" : p + k >= choices + total ? _(" or ") : ", ";
		n += snprintf(buf + n, n < size ? size - n : 0, "%s%.*s", sep, (int)k, p);
		p += k + (p[k] == '|');
	}
}

static int parse_choice(const struct cmd_opt *o, const char *word, int *index, struct perr *e)
{
	char list[256], what[32];
	int k = 0;

	for (const char *p = o->choices; *p; k++) {
		size_t n = strcspn(p, "|");
		if (strlen(word) == n && !strncmp(word, p, n)) {
			*index = k;
			return 0;
		}
		p += n + (p[n] == '|');
	}
	choice_list(o->choices, list, sizeof list);
	/* the metavar names the thing: "invalid format 'x'" */
	snprintf(what, sizeof what, "%s", o->metavar ? o->metavar : "value");
	for (char *p = what; *p; p++)
		*p = *p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p;
	return perr_set(e, _("invalid %s '%s' (use %s)"), what, word, list);
}

static int parse_fd(const struct cmd_opt *o, const char *word, int *fd, struct perr *e)
{
	long long v;
	int fl;

	if (parse_int(word, 0, INT_MAX, &v, _("file descriptor"), e) < 0)
		return -1;
	if ((fl = fcntl((int)v, F_GETFL)) < 0)
		return perr_set(e, _("file descriptor %d is not open"), (int)v);
	if ((o->flags & OPT_WRITABLE) && (fl & O_ACCMODE) == O_RDONLY)
		return perr_set(e, _("file descriptor %d is not open for writing"), (int)v);
	*fd = (int)v;
	return 0;
}

int cmd_value(const struct cmd_opt *o, const char *word, union cmd_val *v, struct perr *e)
{
	memset(v, 0, sizeof *v);
	switch (o->kind) {
	case ARG_SIGNAL:
		return parse_signal(word, o->flags & OPT_SIG0 ? PS_ALLOW_ZERO : 0, &v->i, e);
	case ARG_SIGSET:
		return parse_sigset(word, o->flags & OPT_BLOCKABLE ? PSET_BLOCKABLE : 0, &v->set, e);
	case ARG_PID:
		return parse_pid(word, o->flags & OPT_INODE, &v->pid, e);
	case ARG_DURATION:
		if (o->flags & OPT_EXPONENT)
			return parse_duration_exp(word, &v->ns, e);
		return parse_duration(word, &v->ns, e);
	case ARG_NUMBER:
		/* "--count: count '0' is out of range" */
		return parse_int(word, o->min, o->max, &v->num, o->name ? o->name : _("number"), e);
	case ARG_CHOICE:
		return parse_choice(o, word, &v->i, e);
	case ARG_DUR_SIGNAL:
		return parse_dur_sig(word, &v->step, e);
	case ARG_FD:
		return parse_fd(o, word, &v->i, e);
	case ARG_REGEX:
		v->str = word;
		return parse_regex(word, e);
	case ARG_USERS:
	case ARG_GROUPS:
	case ARG_PIDLIST:
		v->ids = (struct idlist){ 0 };
		if (parse_idlist(word, o->kind == ARG_USERS ? ID_USER
				 : o->kind == ARG_GROUPS ? ID_GROUP : ID_NUMBER, &v->ids, e) < 0) {
			idlist_free(&v->ids);
			return -1;
		}
		return 0;
	default:
		v->str = word;
		return 0;
	}
}

/* Put v where o's row says, by its kind and the size of the field. */
static void store(const struct cmd_opt *o, const union cmd_val *v, bool has_value, void *ctl)
{
	char *p = (char *)ctl + o->dest - 1;

	if (!has_value) {               /* a flag, or an optional value left out */
		if (o->has_arg != no_argument)
			return;
		if (o->dsize == sizeof(bool))
			*(bool *)p = true;
		else
			*(int *)p = (int)o->min;
		return;
	}
	switch (o->kind) {
	case ARG_SIGSET:
		*(sigmask64 *)p |= v->set;
		break;
	case ARG_PID:
		if (o->dsize == sizeof(struct pid_spec))
			*(struct pid_spec *)p = v->pid;
		else
			*(pid_t *)p = v->pid.pid;
		break;
	case ARG_DURATION:
		*(int64_t *)p = v->ns;
		break;
	case ARG_NUMBER:
		if (o->dsize == sizeof(long long))
			*(long long *)p = v->num;
		else
			*(int *)p = (int)v->num;
		break;
	case ARG_DUR_SIGNAL:
		*(struct dur_sig *)p = v->step;
		break;
	case ARG_USERS:
	case ARG_GROUPS:
	case ARG_PIDLIST: {
		struct idlist *l = (struct idlist *)p;
		for (unsigned k = 0; k < v->ids.n; k++)
			idlist_add(l, v->ids.id[k]);
		free(v->ids.id);        /* the value's own list: moved into l */
		break;
	}
	case ARG_SIGNAL:
	case ARG_CHOICE:
	case ARG_FD:
		*(int *)p = v->i;
		break;
	default:
		*(const char **)p = v->str;
		break;
	}
}

static int take_option(const struct cmd *c, const struct cmd_word *w, void *ctl,
		       struct cmd_args *a, struct perr *e)
{
	const struct cmd_opt *o = w->opt;
	union cmd_val v = { .i = 1 };

	if (o == &cmd_help_opt)
		return 1;
	if (o == &cmd_version_opt)
		return 2;
	a->given |= (uint64_t)1 << (o - c->opts);
	if (w->value && cmd_value(o, w->value, &v, e) < 0) {
		struct perr inner = *e;
		return perr_set(e, "--%s: %s", o->name, inner.msg);
	}
	if (o->dest)
		store(o, &v, w->value != NULL, ctl);
	else if (c->option && c->option(ctl, o->id, &v, e) < 0)
		return -1;
	return 0;
}

int cmd_count_args(const struct cmd_args *a, int min, int max, const char *what,
		   struct perr *e)
{
	if (a->nargs < min)
		return perr_set(e, _("missing %s"), what ? _(what) : _("operand"));
	if (max != CMD_MANY && a->nargs > max)
		return perr_set(e, _("extra operand '%s'"), a->args[max]);
	return 0;
}

static int check_counts(const struct cmd *c, const struct cmd_args *a, bool dashdash,
			struct perr *e)
{
	if (dashdash && c->command && !a->command)
		return perr_set(e, _("missing COMMAND after '--'"));
	return cmd_count_args(a, c->min_args, c->max_args, c->args_name, e);
}

int cmd_parse(const struct cmd *c, int argc, char **argv, void *ctl,
	      struct cmd_args *a, struct perr *e)
{
	struct cmd_lexer l;
	struct cmd_word w;
	bool dashdash = false;
	int r;

	*a = (struct cmd_args){ .args = xmalloc(sizeof *a->args * (argc + 1)) };
	cmd_lex_init(&l, c, argc, argv);
	if (c->first_word && argc > 1) {
		if ((r = c->first_word(ctl, argv[1], e)) < 0)
			return -1;
		l.i += r;
	}
	while ((r = cmd_lex(&l, &w, e)) > 0) {
		if (w.what == CW_OPERAND)
			a->args[a->nargs++] = argv[w.index];
		else if (w.what == CW_ENDOPTS)
			dashdash = true;
		else if (w.what == CW_COMMAND) {
			a->command = argv + w.index;
			break;
		} else if ((r = take_option(c, &w, ctl, a, e)) != 0)
			return r;
	}
	if (r < 0)
		return -1;
	a->args[a->nargs] = NULL;
	return check_counts(c, a, dashdash, e);
}

void cmd_args_free(struct cmd_args *a)
{
	free(a->args);
	a->args = NULL;
}

bool cmd_given(const struct cmd *c, const struct cmd_args *a, int id)
{
	for (size_t k = 0; c->opts && c->opts[k].name; k++)
		if (c->opts[k].id == id)
			return a->given >> k & 1;
	return false;
}
