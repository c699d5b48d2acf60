/* exitstatus.h - the conventions of exit statuses (0, 1, 2, 124-127,
 * 128+n): one table for the main --help, every verb's --help and
 * `describe --status`. */
#ifndef SIGTOOL_EXITSTATUS_H
#define SIGTOOL_EXITSTATUS_H

struct exit_convention {
	int status;             /* 128 stands for 128+n */
	const char *label;      /* "124", "128+n" */
	const char *help;       /* its line in the main --help (N_) */
	const char *verb_help;  /* its line in every verb's --help (N_), or
				   NULL: verbs list it themselves if it applies */
	const char *kind;       /* describe --status's JSON kind */
	const char *decoded;    /* describe --status's text (N_), or NULL for
				   one that depends on the status */
};

/* In numeric order, ended by a row with label NULL. */
extern const struct exit_convention exit_conventions[];

/* The row of status (128 for any 128+n), or NULL. */
const struct exit_convention *exit_convention(int status);

/* What a shell exit status ($?) means, for `describe --status`. */
struct exit_meaning {
	const char *kind;       /* success, exited, not-executable, not-found,
				   signal, out-of-range */
	int signo;              /* kind "signal": n of 128+n; else 0 */
	char text[256];         /* translated, for people */
	/* The usual cause of a death by signo, for the few signals that have
	 * one worth naming (INT: Ctrl-C, KILL: the OOM killer...); else both
	 * NULL. */
	const char *cause;      /* a token for JSON, never translated:
				   hangup, interrupt, abort, oom-killer,
				   segfault, closed-pipe, terminated */
	const char *cause_text; /* translated, for people */
};
void exit_status_decode(long long status, struct exit_meaning *m);
/* The same with text in English, as JSON gives it in every language. */
void exit_status_decode_c(long long status, struct exit_meaning *m);

#endif
