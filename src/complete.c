/* complete.c - `sigtool --complete WORD...`: the candidates for the last
 * word, computed from the verb table, for the bash, zsh and fish scripts. */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "core/i18n.h"
#include "core/msg.h"
#include "core/out.h"
#include "core/sig.h"
#include "core/util.h"

/* Candidates are printed one a line as "word<TAB>description"; the special
 * lines ":file" and ":command" ask the shell for its own completion. */
static void cand(const char *prefix, const char *word, const char *cur, const char *descr)
{
	char full[256];

	snprintf(full, sizeof full, "%s%s", prefix, word);
	if (!c_strncasecmp(full, cur, strlen(cur)))
		out_printf("%s\t%s\n", full, descr ? descr : "");
}

static void complete_signals(const char *prefix, const char *cur)
{
	char nb[SIG_NAME_MAX], db[SIG_DESCR_MAX];
	size_t lp = strlen(prefix);
	bool sig = !c_strncasecmp(cur + lp, "SIG", 3) && strlen(cur + lp) >= 3;

	for (int s = sig_first(); s; s = sig_next(s)) {
		char word[SIG_NAME_MAX + 3];
		snprintf(word, sizeof word, "%s%s", sig ? "SIG" : "", sig_name(s, nb));
		cand(prefix, word, cur, sig_describe(s, db));
	}
}

static void complete_pids(const char *cur)
{
	DIR *d = opendir("/proc");
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char path[300], comm[64] = "";
		ssize_t n;
		int fd;

		if (!c_isdigit(e->d_name[0]) || strncmp(e->d_name, cur, strlen(cur)))
			continue;
		snprintf(path, sizeof path, "/proc/%s/comm", e->d_name);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, comm, sizeof comm - 1);
			comm[n > 0 ? n : 0] = '\0';
			comm[strcspn(comm, "\n")] = '\0';
			close(fd);
		}
		out_printf("%s\t%s\n", e->d_name, comm);
	}
	closedir(d);
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
		if (comma)
			pre[comma - cur + 1] = '\0';
		else
			pre[strlen(prefix)] = '\0';
		if (!comma)
			cand(pre, "all", cur, _("every signal that can be blocked"));
		complete_signals(pre, cur);
		free(pre);
		break;
	}
	case ARG_PID:
		if (!*prefix)
			complete_pids(cur);
		break;
	case ARG_FILE:
		out_puts(":file\n");
		break;
	case ARG_COMMAND:
		out_puts(":command\n");
		break;
	case ARG_CHOICE:
		for (const char *p = choices; p && *p;) {
			size_t n = strcspn(p, "|");
			char w[32];
			snprintf(w, sizeof w, "%.*s", (int)n, p);
			cand(prefix, w, cur, NULL);
			p += n + (p[n] == '|');
		}
		break;
	default:
		break;
	}
}

static enum argkind operand_kind(const struct cmd *c, int pos)
{
	return pos > 0 && c->later_operands ? c->later_operands : c->operands;
}

static void complete_verb_words(const struct cmd *c, int n, char **w)
{
	const char *cur = w[n - 1];
	int pos = 0;

	for (int i = 1; i < n - 1; i++) {
		const struct cmd_opt *o = NULL;
		if (!strcmp(w[i], "--")) {
			complete_kind(ARG_COMMAND, NULL, "", cur);
			return;
		}
		if (!strncmp(w[i], "--", 2) && w[i][2] && !strchr(w[i], '=')) {
			for (size_t k = 0; c->opts && c->opts[k].name; k++)
				if (!strcmp(w[i] + 2, c->opts[k].name))
					o = &c->opts[k];
		} else if (w[i][0] == '-' && w[i][1] && w[i][1] != '-' && !w[i][2]) {
			o = cmd_opt_by_id(c, (unsigned char)w[i][1]);
		} else if (w[i][0] != '-') {
			pos++;
		}
		if (o && o->has_arg == required_argument) {
			if (i == n - 2) {
				complete_kind(o->kind, o->choices, "", cur);
				return;
			}
			i++;
		}
	}
	if (!strncmp(cur, "--", 2) && strchr(cur, '=')) {
		const char *eq = strchr(cur, '=');
		for (size_t k = 0; c->opts && c->opts[k].name; k++)
			if (strlen(c->opts[k].name) == (size_t)(eq - cur - 2)
			    && !strncmp(cur + 2, c->opts[k].name, eq - cur - 2)) {
				char *pre = xstrdup(cur);
				pre[eq - cur + 1] = '\0';
				complete_kind(c->opts[k].kind, c->opts[k].choices, pre, cur);
				free(pre);
			}
		return;
	}
	if (cur[0] == '-') {
		for (size_t k = 0; c->opts && c->opts[k].name; k++) {
			char w2[64];
			snprintf(w2, sizeof w2, "--%s%s", c->opts[k].name,
				 c->opts[k].has_arg == required_argument ? "=" : "");
			if (!strncmp(w2, cur, strlen(cur)))
				out_printf("%s\t%s\n", w2, _(c->opts[k].help));
		}
		if (!strncmp("--help", cur, strlen(cur)))
			out_printf("--help\t%s\n", _(cmd_help_opt.help));
		return;
	}
	complete_kind(operand_kind(c, pos), NULL, "", cur);
}

int cmd_complete(int n, char **w)
{
	if (n <= 0)
		return EXIT_USAGE;
	if (n == 1) {
		const char *cur = w[0];
		for (const struct cmd *const *c = cmd_table; *c; c++)
			if (!strncmp((*c)->name, cur, strlen(cur)))
				out_printf("%s\t%s\n", (*c)->name, _((*c)->summary));
		if (!strncmp("help", cur, strlen(cur)))
			out_printf("help\t%s\n", _("show the help of a verb"));
		if (cur[0] == '-') {
			static const char *const g[] = { "--help", "--version" };
			for (size_t i = 0; i < ARRAY_SIZE(g); i++)
				if (!strncmp(g[i], cur, strlen(cur)))
					out_printf("%s\t\n", g[i]);
		}
		return EXIT_SUCCESS;
	}
	if (!strcmp(w[0], "help")) {
		if (n == 2)
			for (const struct cmd *const *c = cmd_table; *c; c++)
				if (!strncmp((*c)->name, w[1], strlen(w[1])))
					out_printf("%s\t%s\n", (*c)->name, _((*c)->summary));
		return EXIT_SUCCESS;
	}
	const struct cmd *c = cmd_find(w[0]);
	if (c)
		complete_verb_words(c, n, w);
	return EXIT_SUCCESS;
}
