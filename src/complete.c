/* complete.c - `sigtool --complete WORD...`: the candidates for the last
 * word, computed from the verb table, for the bash, zsh and fish scripts. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/proc.h"
#include "core/select.h"
#include "core/sig.h"
#include "core/util.h"

/* Candidates are printed one a line as "word<TAB>description"; the special
 * lines ":file" and ":command" ask the shell for its own completion.
 * PREFIX is the part of CUR that is not being completed ("--format=",
 * "HUP,"): it is repeated as typed in front of every candidate, so that the
 * scripts can strip it again where their shell splits words at '='. */
static void cand(const char *prefix, const char *word, const char *cur, const char *descr)
{
	const char *rest = cur + strlen(prefix);

	/* case-insensitive, so that "us" offers USR1 */
	if (!c_strncasecmp(word, rest, strlen(rest)))
		out_printf("%s%s\t%s\n", prefix, word, descr ? descr : "");
}

static bool starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static void complete_signals(const char *prefix, const char *cur)
{
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];
	const char *rest = cur + strlen(prefix);
	bool sig = !c_strncasecmp(rest, "SIG", 3);
	bool number = c_isdigit(rest[0]);

	for (int s = sig_first(); s; s = sig_next(s)) {
		char word[SIG_NAME_MAX + 3];
		if (number) {
			/* "1" offers 1, 10...19: the number, described by its name */
			snprintf(word, sizeof word, "%d", s);
			cand(prefix, word, cur, sig_name(s, nb));
			continue;
		}
		snprintf(word, sizeof word, "%s%s", sig ? "SIG" : "", sig_name(s, nb));
		cand(prefix, word, cur, sig_describe(s, db));
	}
}

static void complete_pids(const char *prefix, const char *cur)
{
	const char *rest = cur + strlen(prefix);
	pid_t *ids;
	long n = proc_list(0, &ids);

	for (long i = 0; i < n; i++) {
		char word[16], comm[64] = "";

		snprintf(word, sizeof word, "%d", (int)ids[i]);
		if (!starts_with(word, rest))
			continue;       /* read comm only for the candidates */
		proc_comm_read(ids[i], comm, sizeof comm);
		cand(prefix, word, cur, comm);
	}
	if (n >= 0)
		free(ids);
}

/* After a comma, the next name of the list: "root,da" offers "root,daemon". */
static const char *list_prefix(const char *prefix, const char *cur, char **pre)
{
	const char *comma = strrchr(cur + strlen(prefix), ',');

	*pre = xstrdup(cur);
	(*pre)[comma ? (size_t)(comma - cur + 1) : strlen(prefix)] = '\0';
	return *pre;
}

/* The names of /etc/passwd or /etc/group (read directly: no NSS in a
 * static binary). */
static void complete_users(bool groups, const char *prefix, const char *cur)
{
	FILE *f = fopen(groups ? "/etc/group" : "/etc/passwd", "re");
	char line[1024], *pre;

	if (!f)
		return;
	list_prefix(prefix, cur, &pre);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, ":\n")] = '\0';
		if (line[0] && line[0] != '#')
			cand(pre, line, cur, NULL);
	}
	free(pre);
	fclose(f);
}

/* The cgroup v2 directories under the one mount, as /proc/PID/cgroup
 * names them: "/system.slice/...". One level at a time, as paths go. */
static void complete_cgroups(const char *prefix, const char *cur)
{
	const char *rest = cur + strlen(prefix), *slash = strrchr(rest, '/');
	int dlen = slash ? (int)(slash - rest) : 0;     /* "/a/b" of "/a/b/c" */
	char cg[4096], dir[4096], word[4096];
	struct dirent *d;
	DIR *dp;

	/* where the v2 hierarchy is mounted: not /sys/fs/cgroup on a hybrid
	 * or v1 layout (its directories there are the v1 controllers) */
	snprintf(cg, sizeof cg, "%s%.*s", *rest == '/' ? "" : "/", dlen, rest);
	if (sel_cgroup_dir(cg, dir, sizeof dir) != 1 || !(dp = opendir(dir)))
		return;
	while ((d = readdir(dp))) {
		if (d->d_type != DT_DIR || d->d_name[0] == '.')
			continue;
		snprintf(word, sizeof word, "%.*s/%s", dlen, rest, d->d_name);
		cand(prefix, word, cur, NULL);
	}
	closedir(dp);
}

static void complete_choices(const char *choices, const char *prefix, const char *cur)
{
	for (const char *p = choices; p && *p;) {
		size_t n = strcspn(p, "|");
		char *w = xmalloc(n + 1);

		memcpy(w, p, n);
		w[n] = '\0';
		cand(prefix, w, cur, NULL);
		free(w);
		p += n + (p[n] == '|');
	}
}

static void complete_kind(enum argkind k, const char *choices, const char *prefix, const char *cur)
{
	switch (k) {
	case ARG_SIGNAL:
		complete_signals(prefix, cur);
		break;
	case ARG_SIGSET: {
		/* complete the word after the last comma */
		const char *comma = strrchr(cur + strlen(prefix), ',');
		char *pre = xstrdup(cur);
		pre[comma ? (size_t)(comma - cur + 1) : strlen(prefix)] = '\0';
		if (!comma)
			cand(pre, "all", cur, _("every signal that can be blocked"));
		complete_signals(pre, cur);
		free(pre);
		break;
	}
	case ARG_DUR_SIGNAL: {
		/* "5s:TE": the signal after the first colon, as the parser splits
		 * it; the duration before it has nothing to offer */
		const char *colon = strchr(cur + strlen(prefix), ':');
		if (colon) {
			char *pre = xstrdup(cur);
			pre[colon - cur + 1] = '\0';
			complete_signals(pre, cur);
			free(pre);
		}
		break;
	}
	case ARG_PID:
	case ARG_PIDLIST:
		complete_pids(prefix, cur);
		break;
	case ARG_USERS:
	case ARG_GROUPS:
		complete_users(k == ARG_GROUPS, prefix, cur);
		break;
	case ARG_CGROUP:
		complete_cgroups(prefix, cur);
		break;
	case ARG_FILE:
		out_puts(":file\n");
		break;
	case ARG_COMMAND:
		out_puts(":command\n");
		break;
	case ARG_CHOICE:
		complete_choices(choices, prefix, cur);
		break;
	default:        /* numbers, durations: nothing sensible to offer */
		break;
	}
}

/* What the words before the last one say about it. */
struct scan {
	const struct cmd_opt *value_of;  /* the last word is this option's value */
	enum argkind operands;           /* a flag given may redefine them */
	int pos;                         /* operands before the last word */
	bool opts_done;                  /* after "--" */
	int command;                     /* words of COMMAND so far, or -1 */
};

/* The words before the last one, as the parser reads them. */
static void scan_words(const struct cmd *c, int n, char **w, struct scan *s)
{
	struct cmd_lexer l;
	struct cmd_word cw;
	struct perr e;

	*s = (struct scan){ NULL, c->operands, 0, false, -1 };
	cmd_lex_init(&l, c, n - 1, w);
	l.lenient = true;
	while (cmd_lex(&l, &cw, &e) > 0) {
		switch (cw.what) {
		case CW_OPTION:
			if (cw.opt->has_arg == no_argument && cw.opt->kind != ARG_NONE)
				s->operands = cw.opt->kind;
			if (cw.value_missing)
				s->value_of = cw.opt;
			break;
		case CW_OPERAND:
			s->pos++;
			break;
		case CW_ENDOPTS:
			s->opts_done = true;
			if (c->command)
				s->command = 0;
			break;
		case CW_COMMAND:
			s->command = (s->command < 0 ? 0 : s->command) + 1;
			break;
		}
	}
}

static enum argkind operand_kind(const struct cmd *c, const struct scan *s)
{
	if (s->operands != c->operands)         /* a flag redefined them */
		return s->operands;
	return s->pos > 0 && c->later_operands ? c->later_operands : c->operands;
}

/* CUR is "-", "--", "--fo" or "-s": the options it may start. */
static void complete_options(const struct cmd *c, const char *cur)
{
	size_t len = strlen(cur);
	const struct cmd_opt *o;

	for (size_t k = 0; (o = cmd_opt_row(c, k)); k++) {
		/* "--format=": the value follows without a blank */
		const char *eq = o->has_arg == required_argument ? "=" : "";

		if (len == 1 || (cur[1] == '-' && starts_with(o->name, cur + 2)))
			out_printf("--%s%s\t%s\n", o->name, eq, _(o->help));
		else if (len == 2 && (unsigned char)cur[1] == o->id)
			out_printf("-%c\t%s\n", o->id, _(o->help));
	}
}

static void complete_verb_words(const struct cmd *c, int n, char **w)
{
	const char *cur = w[n - 1];
	struct scan s;

	scan_words(c, n, w, &s);
	if (s.value_of) {
		complete_kind(s.value_of->kind, s.value_of->choices, "", cur);
		return;
	}
	if (s.command >= 0) {
		/* COMMAND's own arguments: the shell knows best, files at least */
		complete_kind(s.command ? ARG_FILE : ARG_COMMAND, NULL, "", cur);
		return;
	}
	if (!s.opts_done && starts_with(cur, "--") && strchr(cur, '=')) {
		const char *eq = strchr(cur, '=');
		const struct cmd_opt *o = cmd_long_opt(c, cur + 2, eq - cur - 2, NULL);
		if (o && o->has_arg != no_argument) {
			char *pre = xstrdup(cur);
			pre[eq - cur + 1] = '\0';
			complete_kind(o->kind, o->choices, pre, cur);
			free(pre);
		}
		return;
	}
	if (!s.opts_done && cur[0] == '-') {
		complete_options(c, cur);
		return;
	}
	if (!c->command && c->max_args != CMD_MANY && s.pos >= c->max_args)
		return;         /* no operand left to complete */
	if (operand_kind(c, &s) == ARG_TEXT && c->operand_word) {
		const char *w, *help = NULL;
		for (size_t i = 0; (w = c->operand_word(i, &help)); i++)
			cand("", w, cur, help ? _(help) : NULL);
		return;
	}
	complete_kind(operand_kind(c, &s), NULL, "", cur);
}

/* Verbs starting with CUR; an alias only when its verb does not (so "s"
 * offers strsignal, and "" offers describe alone). */
static void complete_verbs(const char *cur)
{
	size_t len = strlen(cur);

	for (const struct cmd *const *c = cmd_table; *c; c++) {
		if (!strncmp((*c)->name, cur, len))
			out_printf("%s\t%s\n", (*c)->name, _((*c)->summary));
		else if ((*c)->alias && !strncmp((*c)->alias, cur, len))
			out_printf("%s\t%s\n", (*c)->alias, _((*c)->summary));
	}
}

int cmd_complete(int n, char **w)
{
	if (n <= 0)
		return EXIT_USAGE;
	if (n == 1) {
		const char *cur = w[0];
		complete_verbs(cur);
		if (starts_with("help", cur))
			out_printf("help\t%s\n", _("show the help of a verb"));
		if (cur[0] == '-') {
			if (starts_with("--help", cur))
				out_printf("--help\t%s\n", _(cmd_help_opt.help));
			if (starts_with("--version", cur))
				out_printf("--version\t%s\n", _("output version information and exit"));
		}
		return EXIT_SUCCESS;
	}
	if (!strcmp(w[0], "help")) {
		if (n == 2)
			complete_verbs(w[1]);
		return EXIT_SUCCESS;
	}
	const struct cmd *c = cmd_find(w[0]);
	if (c)
		complete_verb_words(c, n, w);
	return EXIT_SUCCESS;
}
