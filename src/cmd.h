/* cmd.h - the verb table: one entry per verb feeds option parsing, --help,
 * the man pages (through help2man) and the shell completions. */
#ifndef SIGTOOL_CMD_H
#define SIGTOOL_CMD_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/parse.h"

/* What a word is: how cmdline.c parses an option's value, and what the
 * completions offer for it. */
enum argkind {
	ARG_NONE,
	ARG_SIGNAL,     /* one signal name or number: int (OPT_SIG0: 0 too) */
	ARG_SIGSET,     /* comma-separated signals: sigmask64, added up */
	ARG_PID,        /* pid_t, or struct pid_spec (OPT_INODE: PID:INODE) */
	ARG_DURATION,   /* int64_t nanoseconds */
	ARG_FILE,       /* const char * */
	ARG_NUMBER,     /* int or long long in [min, max] */
	ARG_CHOICE,     /* int: the index in cmd_opt.choices */
	ARG_COMMAND,
	ARG_TEXT,       /* const char *, free text (a name): no completion */
	ARG_DUR_SIGNAL, /* DUR:SIG: struct dur_sig */
	ARG_FD,         /* int: an open descriptor (OPT_WRITABLE: for writing) */
	ARG_REGEX,      /* const char *: a POSIX ERE, checked by compiling it */
	ARG_USERS,      /* users, names or numbers, comma list: struct idlist, added */
	ARG_GROUPS,     /* groups, the same */
	ARG_PIDLIST,    /* PIDs (0 too), comma list: struct idlist, added */
	ARG_CGROUP,     /* const char *: a cgroup v2 path */
};

/* cmd_opt.flags */
#define OPT_SIG0     0x1        /* ARG_SIGNAL: 0 (an existence check) too */
#define OPT_BLOCKABLE 0x2       /* ARG_SIGSET: KILL or STOP named is an error */
#define OPT_INODE    0x4        /* ARG_PID: PID:INODE too (struct pid_spec) */
#define OPT_WRITABLE 0x8        /* ARG_FD: open for writing */
#define OPT_EXPONENT 0x10       /* ARG_DURATION: 1e-3 too, as timeout(1) */

struct cmd_opt {
	int id;                 /* the short letter, or a value >= 256 for
				   long-only options */
	const char *name;       /* long name without "--" */
	int has_arg;            /* no_argument, required_argument, optional_argument */
	enum argkind kind;      /* of the value; for a flag (no_argument), what
				   the operands are once it is given, or ARG_NONE */
	const char *metavar;
	const char *choices;    /* ARG_CHOICE: "a|b|c" */
	const char *help;       /* one line, untranslated (N_) */
	/* Where the parsed value lands in the verb's control struct
	 * (CMD_AT); 0: it goes to the verb's option() hook instead. A flag
	 * stores true (bool) or set (int). */
	size_t dest, dsize;
	unsigned flags;         /* OPT_* */
	long long min, max;     /* ARG_NUMBER: the range; a flag: min is the
				   value it stores into an int */
};

/* The destination of an option's value: a field of the verb's control
 * struct. */
#define CMD_AT(type, field) \
	.dest = offsetof(type, field) + 1, .dsize = sizeof(((type *)0)->field)

/* The readiness options of the verbs that wait (core/ready.h). */
#define CMD_READY_ROWS(type, pidfile_field, fd_field) \
	{ 0x4000, "pidfile", required_argument, ARG_FILE, "FILE", NULL, \
	  N_("write the PID to FILE once ready"), CMD_AT(type, pidfile_field) }, \
	{ 0x4001, "ready-fd", required_argument, ARG_FD, "FD", NULL, \
	  N_("write the PID and a newline to FD once ready"), CMD_AT(type, fd_field), \
	  .flags = OPT_WRITABLE }

/* A parsed value, for the option() hook of options with no dest. */
union cmd_val {
	int i;                  /* signal, choice, fd, flag's set */
	sigmask64 set;
	int64_t ns;
	long long num;
	struct pid_spec pid;
	struct dur_sig step;
	const char *str;
	struct idlist ids;
};

/* What is left of a command line once the options are parsed. */
struct cmd_args {
	char **args;            /* the operands, in order (COMMAND excluded) */
	int nargs;
	char **command;         /* COMMAND [ARG...], NULL-ended; or NULL */
	uint64_t given;         /* bit i: opts[i] was given */
};

#define CMD_MANY (-1)           /* cmd.max_args: no upper limit */

#define CMD_PARAS(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The last paragraph of the description of a verb whose text view holds
 * prose (notes) that out_prose() wraps on a terminal. It starts with the
 * blank line that ends the paragraph before it, which ends in a newline. */
#define CMD_PROSE_HELP N_( \
"\n" \
"On a terminal, notes and other prose wrap at blanks to 80 columns, or to\n" \
"the terminal's width if it is narrower (COLUMNS if set, else the size the\n" \
"terminal reports); further lines start under the first. In a pipe or a\n" \
"file each one stays on a single line, for scripts.")

struct cmd {
	const char *name;
	const char *alias;              /* or NULL */
	const char *summary;            /* one line for the verb list and NAME */
	const char *const *synopsis;    /* usage lines after "sigtool VERB ", NULL-ended */
	/* the text under the usage, in pieces translated one by one (a piece
	 * may be a shared macro such as SELOPT_HELP): CMD_PARAS(N_("..."), ...) */
	const char *const *description;
	const struct cmd_opt *opts;     /* ended by an entry with name NULL */
	enum argkind operands;          /* what positional words are */
	enum argkind later_operands;    /* from the second one on, if different */
	int min_args, max_args;         /* operand counts, COMMAND excluded */
	const char *args_name;          /* the operand in "missing SIG" */
	/* The words an ARG_TEXT operand may be, for completion: the i-th and
	 * its one-line help (a msgid), NULL past the last; or NULL. */
	const char *(*operand_word)(size_t i, const char **help);
	/* COMMAND [ARG...]: 0 if the verb runs none; -1 after "--" only; n > 0:
	 * also whatever follows the first n operands, whose options are then
	 * COMMAND's own (as in timeout(1)). */
	int command;
	bool negative_operands;         /* "-5" is an operand (a PID), not options */
	/* kill(1)'s "-SIG" as the first word: 1 if taken, 0 if not, -1 error */
	int (*first_word)(void *ctl, const char *word, struct perr *e);
	size_t ctl_size;                /* the verb's control struct */
	const void *ctl_init;           /* its defaults, or NULL for zeros */
	/* The value of an option with no dest; 0, or -1 with a whole message
	 * (a combination the verb refuses). */
	int (*option)(void *ctl, int id, const union cmd_val *v, struct perr *e);
	/* Parse the operands, call the core, print: the verb itself. */
	int (*exec)(void *ctl, const struct cmd_args *a);
	const char *examples;           /* "command\n  what it does\n..." */
	const char *exit_status;        /* verb-specific lines, or NULL */
	bool locale_on_demand;          /* load the locale only when a message
					   needs it (verbs with fast silent paths) */
	/* The status of its usage errors, 0 for EXIT_USAGE: EXIT_CANCELED
	 * (125) in verbs that run a COMMAND, so that it cannot be taken for
	 * COMMAND's own (env(1), timeout(1)). A verb whose operands are
	 * optional (min_args 0: mask, timer) uses it only on a command line
	 * that has a COMMAND or a "--". */
	int usage_status;
};

extern const struct cmd *const cmd_table[];
/* --help and --version, which every verb has without listing them. */
extern const struct cmd_opt cmd_help_opt, cmd_version_opt;

/* ---- cmdline.c: the parser (no verb table; the unit tests link it) */

/* The k-th option of c: its rows, then --help and --version; NULL after. */
const struct cmd_opt *cmd_opt_row(const struct cmd *c, size_t k);

/* The option of c with this id (--help and --version included), or NULL. */
const struct cmd_opt *cmd_opt_by_id(const struct cmd *c, int id);

/* The long option NAME (LEN bytes, no "--") of c, exact or a unique
 * abbreviation; --help and --version included. NULL if none; *ambiguous
 * (if given) tells whether several matched. */
const struct cmd_opt *cmd_long_opt(const struct cmd *c, const char *name, size_t len,
				   bool *ambiguous);

/* One word, or one option of a group of short options, as the parser sees
 * it. */
struct cmd_word {
	enum { CW_OPTION, CW_OPERAND, CW_ENDOPTS, CW_COMMAND } what;
	const struct cmd_opt *opt;      /* CW_OPTION */
	const char *value;              /* its value, or NULL */
	int index;                      /* argv index of the word */
	bool value_missing;             /* lenient: the value would be the
					   word after the last one */
	bool negative;                  /* CW_OPERAND: "-5" */
};

struct cmd_lexer {
	const struct cmd *c;
	int argc;
	char **argv;
	int i;                          /* the next word */
	const char *group;              /* the rest of a short-option group */
	int nargs;                      /* operands so far */
	bool opts_done, in_command;
	bool lenient;                   /* completion: skip what is wrong */
};

void cmd_lex_init(struct cmd_lexer *l, const struct cmd *c, int argc, char **argv);
/* The next word: 1, 0 at the end, -1 with a message in *e. */
int cmd_lex(struct cmd_lexer *l, struct cmd_word *w, struct perr *e);

/* Parse a value of kind o->kind as the table row o says. */
int cmd_value(const struct cmd_opt *o, const char *word, union cmd_val *v, struct perr *e);

/* Parse argv (argv[0] is the verb) into ctl (c->ctl_size bytes, already
 * holding its defaults) and *a. 0; 1 for --help, 2 for --version; -1 with a
 * message for a usage error. *a->args is allocated: cmd_args_free(). */
int cmd_parse(const struct cmd *c, int argc, char **argv, void *ctl,
	      struct cmd_args *a, struct perr *e);
void cmd_args_free(struct cmd_args *a);

/* Whether a has min to max (or CMD_MANY) operands; else -1 with the
 * parser's own words, "missing WHAT" or "extra operand 'X'". For verbs
 * whose forms take different counts (the table holds the widest). */
int cmd_count_args(const struct cmd_args *a, int min, int max, const char *what,
		   struct perr *e);

/* Whether the option with this id was given. */
bool cmd_given(const struct cmd *c, const struct cmd_args *a, int id);

/* ---- cmd.c: the table, dispatch and help */

const struct cmd *cmd_find(const char *name);
/* The verbs NAME could mean, for "did you mean ...?": the verbs it starts
 * ("p": pause, pending, pidfd-send), else the nearest by spelling. A
 * NULL-ended array of at most 4 names; empty if none is near. */
void cmd_nearest(const char *name, const char *out[4]);
/* An operand parsed as the row o says (kind, flags, range, choices), or a
 * usage error naming it. */
union cmd_val cmd_operand(const struct cmd_opt *o, const char *word);
#define CMD_ARG(k, fl) (&(const struct cmd_opt){ .kind = (k), .flags = (fl) })

/* Every operand as a PID, in a new array (free it), or a usage error
 * naming the first bad one: all are checked before any is used. */
pid_t *cmd_operand_pids(const struct cmd_args *a);

/* cmd_count_args() for one form of a verb, or a usage error. */
void cmd_need_args(const struct cmd_args *a, int min, int max, const char *what);

/* Run a verb: argv[0] is its name. Usage errors exit. */
int cmd_run(const struct cmd *c, int argc, char **argv);

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
extern const struct cmd cmd_timer, cmd_timeout;
extern const struct cmd cmd_demo;
extern const struct cmd cmd_trace;

#endif
