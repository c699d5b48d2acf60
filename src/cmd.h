/* cmd.h - the verb table: one entry per verb feeds option parsing, --help,
 * the man pages (through help2man) and the shell completions. */
#ifndef SIGTOOL_CMD_H
#define SIGTOOL_CMD_H

#include <getopt.h>
#include <stdbool.h>

/* What a word is, so completions can offer the right candidates. */
enum argkind {
	ARG_NONE,
	ARG_SIGNAL,     /* one signal name or number */
	ARG_SIGSET,     /* comma-separated signals */
	ARG_PID,
	ARG_DURATION,
	ARG_FILE,
	ARG_NUMBER,     /* an integer with no completion */
	ARG_CHOICE,     /* one of cmd_opt.choices */
	ARG_COMMAND,
	ARG_TEXT,       /* free text (a name): no completion */
	ARG_DUR_SIGNAL, /* DUR:SIG: a duration, then a signal after the colon */
};

struct cmd_opt {
	int id;                 /* returned by cmd_getopt(): the short letter,
				   or a value >= 256 for long-only options */
	const char *name;       /* long name without "--" */
	int has_arg;            /* no_argument, required_argument, optional_argument */
	enum argkind kind;      /* of the value; for a flag (no_argument), what
				   the operands are once it is given, or ARG_NONE */
	const char *metavar;
	const char *choices;    /* ARG_CHOICE: "a|b|c" */
	const char *help;       /* one line, untranslated (N_) */
};

/* The readiness options of the verbs that wait (core/ready.h), with the
 * verb's own ids. */
#define CMD_READY_ROWS(pidfile_id, ready_fd_id) \
	{ pidfile_id, "pidfile", required_argument, ARG_FILE, "FILE", NULL, \
	  N_("write the PID to FILE once ready") }, \
	{ ready_fd_id, "ready-fd", required_argument, ARG_NUMBER, "FD", NULL, \
	  N_("write the PID and a newline to FD once ready") }

struct cmd {
	const char *name;
	const char *alias;              /* or NULL */
	const char *summary;            /* one line for the verb list and NAME */
	const char *const *synopsis;    /* usage lines after "sigtool VERB ", NULL-ended */
	const char *description;        /* paragraphs under the usage */
	const struct cmd_opt *opts;     /* ended by an entry with name NULL */
	enum argkind operands;          /* what positional words are */
	enum argkind later_operands;    /* from the second one on, if different */
	const char *examples;           /* "command\n  what it does\n..." */
	const char *exit_status;        /* verb-specific lines, or NULL */
	int (*run)(int argc, char **argv);
	bool locale_on_demand;          /* load the locale only when a message
					   needs it (verbs with fast silent paths) */
};

extern const struct cmd *const cmd_table[];
/* --help, which every verb has without listing it. */
extern const struct cmd_opt cmd_help_opt;

/* The option of c with this id (--help included), or NULL. */
const struct cmd_opt *cmd_opt_by_id(const struct cmd *c, int id);

const struct cmd *cmd_find(const char *name);
const char *cmd_nearest(const char *name);

/* The index in argv of the first word that getopt_long would take for an
 * option but that is a negative number given as an operand ("-1", "-42"),
 * skipping option arguments ("--value -5"); 0 if none. Lets a verb refuse
 * "send TERM -1" with a message about PIDs rather than options. */
int cmd_negative_operand(int argc, char **argv, const struct cmd *c);

/* The long option NAME (LEN bytes, no "--") of c, exact or a unique
 * abbreviation as getopt_long accepts it; --help included. */
const struct cmd_opt *cmd_long_opt(const struct cmd *c, const char *name, size_t len);

/* For verbs that run "... -- COMMAND [ARG...]": the index of the "--" that
 * ends the options (one that is no option's value), or argc. Give that
 * index to cmd_getopt() as argc, so that getopt's permutation of operands
 * cannot mix them with COMMAND's words. */
int cmd_command_start(int argc, char **argv, const struct cmd *c);

/* getopt_long over the verb's table; handles --help itself and turns every
 * unknown option or missing argument into a usage error. Returns the option
 * id, or -1 at the end of options (optind then indexes the operands). */
int cmd_getopt(int argc, char **argv, const struct cmd *c);

void cmd_print_help(const struct cmd *c);
void cmd_print_main_help(void);
void cmd_print_version(void);
/* Hidden helpers for the shell completions (complete.c). */
void cmd_list_verbs(void);
int cmd_complete(int nwords, char **words);

/* Every verb's table entry, defined in src/cmd/<verb>.c. */
extern const struct cmd cmd_list, cmd_describe;
extern const struct cmd cmd_send, cmd_pidfd_send, cmd_raise;
extern const struct cmd cmd_wait, cmd_pause, cmd_catch;
extern const struct cmd cmd_mask, cmd_pending, cmd_status;
extern const struct cmd cmd_timer;

#endif
