/* test-cmdline.c - the table-driven parser: each value kind into its field,
 * operand counts, the words of getopt's own errors (short-option groups
 * included), the split before COMMAND and "-5" as an operand. A verb of its
 * own, not sigtool's table. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "tap.h"

struct t_ctl {
	int signo, choice, fd, level;
	sigmask64 set;
	int64_t ns;
	long long count;
	pid_t pid;
	struct pid_spec spec;
	struct dur_sig step;
	const char *file;
	bool json;
	struct idlist users;
	const char *re;
	int hooked;             /* option() calls */
	sigmask64 order[4];     /* what option() saw, in order */
};

enum { O_JSON = 256, O_FORMAT, O_SET, O_STEP, O_FD, O_SPEC, O_HOOK, O_QUIET, O_WAIT, O_USERS, O_RE };

static const struct cmd_opt t_opts[] = {
	{ 's', "signal", required_argument, ARG_SIGNAL, "SIG", NULL, "", CMD_AT(struct t_ctl, signo),
	  .flags = OPT_SIG0 },
	{ O_SET, "set", required_argument, ARG_SIGSET, "SIGS", NULL, "", CMD_AT(struct t_ctl, set),
	  .flags = OPT_BLOCKABLE },
	{ 't', "timeout", required_argument, ARG_DURATION, "DUR", NULL, "", CMD_AT(struct t_ctl, ns) },
	{ 'c', "count", required_argument, ARG_NUMBER, "N", NULL, "", CMD_AT(struct t_ctl, count),
	  .min = 1, .max = 10 },
	{ O_FORMAT, "format", required_argument, ARG_CHOICE, "FORMAT", "full|name|number", "",
	  CMD_AT(struct t_ctl, choice) },
	{ 'p', "pid", required_argument, ARG_PID, "PID", NULL, "", CMD_AT(struct t_ctl, pid) },
	{ O_SPEC, "spec", required_argument, ARG_PID, "PID", NULL, "", CMD_AT(struct t_ctl, spec),
	  .flags = OPT_INODE },
	{ O_STEP, "then", required_argument, ARG_DUR_SIGNAL, "DUR:SIG", NULL, "",
	  CMD_AT(struct t_ctl, step) },
	{ O_FD, "ready-fd", required_argument, ARG_FD, "FD", NULL, "", CMD_AT(struct t_ctl, fd),
	  .flags = OPT_WRITABLE },
	{ 'f', "file", required_argument, ARG_FILE, "FILE", NULL, "", CMD_AT(struct t_ctl, file) },
	{ O_JSON, "json", no_argument, ARG_NONE, NULL, NULL, "", CMD_AT(struct t_ctl, json) },
	{ 'v', "verbose", no_argument, ARG_NONE, NULL, NULL, "", CMD_AT(struct t_ctl, level),
	  .min = 3 },
	{ O_HOOK, "block", required_argument, ARG_SIGSET, "SIGS", NULL, "" },
	{ O_WAIT, "wait", optional_argument, ARG_DURATION, "DUR", NULL, "", CMD_AT(struct t_ctl, ns) },
	{ O_QUIET, "quiet", no_argument, ARG_NONE, NULL, NULL, "" },
	{ O_USERS, "euid", required_argument, ARG_USERS, "USERS", NULL, "", CMD_AT(struct t_ctl, users) },
	{ O_RE, "name", required_argument, ARG_REGEX, "PATTERN", NULL, "", CMD_AT(struct t_ctl, re) },
	{ 0 }
};

static int t_option(void *ctl, int id, const union cmd_val *v, struct perr *e)
{
	struct t_ctl *c = ctl;

	if (id == O_QUIET) {
		snprintf(e->msg, sizeof e->msg, "--quiet is refused here");
		return -1;
	}
	if (c->hooked < 4)
		c->order[c->hooked] = v->set;
	c->hooked++;
	return 0;
}

static struct cmd t_cmd = {
	.name = "t", .opts = t_opts, .min_args = 0, .max_args = 2, .args_name = "SIG",
	.option = t_option,
};

/* Parse the words (after the verb) with t_cmd; the status of cmd_parse. */
static struct t_ctl ctl;
static struct cmd_args args;
static struct perr err;

static int vparse(const char *first, va_list ap)
{
	static char *argv[32];
	int argc = 1;

	argv[0] = "t";
	for (const char *w = first; w && argc < 31; w = va_arg(ap, const char *))
		argv[argc++] = (char *)w;
	argv[argc] = NULL;
	idlist_free(&ctl.users);
	memset(&ctl, 0, sizeof ctl);
	err.msg[0] = '\0';
	cmd_args_free(&args);
	return cmd_parse(&t_cmd, argc, argv, &ctl, &args, &err);
}

static int parse(const char *first, ...)
{
	va_list ap;
	int r;

	va_start(ap, first);
	r = vparse(first, ap);
	va_end(ap);
	return r;
}

/* The message of a usage error for these words. */
static const char *error_of(const char *first, ...)
{
	va_list ap;
	int r;

	va_start(ap, first);
	r = vparse(first, ap);
	va_end(ap);
	return r == -1 ? err.msg : "(no error)";
}

static void test_kinds(void)
{
	is_int(parse("-s", "term", "--set=USR1,usr2", "--set", "HUP", "-t", "1.5", "-c10",
		     "--format", "name", "-p", "007", "--spec", "42:99", "--then", "5s:KILL",
		     "--ready-fd", "1", "-f", "x.pid", "--json", "-v", NULL), 0, "every kind parses");
	is_int(ctl.signo, SIGTERM, "signal: a name, any case");
	ok(ctl.set == (SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2) | SIGBIT(SIGHUP)),
	   "signal sets add up over repeated options");
	is_int(ctl.ns, 1500000000LL, "duration in ns");
	is_int(ctl.count, 10, "number, attached to its short option");
	is_int(ctl.choice, 1, "choice: the index in the list");
	is_int(ctl.pid, 7, "PID with leading zeros");
	ok(ctl.spec.pid == 42 && ctl.spec.has_inode && ctl.spec.inode == 99, "PID:INODE");
	ok(ctl.step.delay == 5000000000LL && ctl.step.signo == SIGKILL, "DUR:SIG");
	is_int(ctl.fd, 1, "an open, writable descriptor");
	is_str(ctl.file, "x.pid", "file: the word itself");
	ok(ctl.json, "a flag sets a bool");
	is_int(ctl.level, 3, "a flag into an int stores min");
	ok(cmd_given(&t_cmd, &args, 'c') && !cmd_given(&t_cmd, &args, O_HOOK), "cmd_given");
	is_int(parse("-s", "0", NULL), 0, "signal 0 where the row allows it");
	is_int(ctl.signo, 0, "signal 0 stored");
	is_int(parse("--wait", NULL), 0, "an optional value left out");
	ok(ctl.ns == 0 && cmd_given(&t_cmd, &args, O_WAIT), "given, nothing stored");
	is_int(parse("--wait=2", NULL), 0, "an optional value attached");
	is_int(ctl.ns, 2000000000LL, "stored");
}

static void test_selection_kinds(void)
{
	is_int(parse("--euid", "root,7", "--euid=9", "--name", "^a+$", NULL), 0, "users and a regex");
	ok(ctl.users.n == 3 && ctl.users.id[0] == 0 && ctl.users.id[1] == 7 && ctl.users.id[2] == 9,
	   "user lists add up over repeated options");
	is_str(ctl.re, "^a+$", "regex: the word itself");
	is_str(error_of("--euid", "nosuchuserzq", NULL), "--euid: unknown user 'nosuchuserzq'",
	       "an unknown user, named");
	ok(!strncmp(error_of("--name", "(", NULL), "--name: invalid pattern '(': ", 29),
	   "a malformed regex, with the library's reason");
	is_str(error_of("--euid", "1,root,nosuchuserzq", NULL), "--euid: unknown user 'nosuchuserzq'",
	       "an unknown user after good ones, named");
	{
		static char big[512];
		size_t k = 0;
		for (int i = 1; i <= 40; i++)
			k += (size_t)snprintf(big + k, sizeof big - k, "%s%d", i > 1 ? "," : "", i);
		is_int(parse("--euid", big, "--euid", "41", NULL), 0, "41 users, in two options");
		ok(ctl.users.n == 41 && ctl.users.id[39] == 40 && ctl.users.id[40] == 41,
		   "no list is cut short (the 40th and 41st are kept)");
	}
	parse(NULL);
}

static void test_value_errors(void)
{
	is_str(error_of("-t", "5x", NULL),
	       "--timeout: invalid duration '5x': unknown unit 'x' (use ms, s, m, h or d)",
	       "a short option's error names the long option and the word");
	is_str(error_of("--signal=FOO", NULL), "--signal: unknown signal 'FOO'",
	       "signal: names the word");
	is_str(error_of("--set", "KILL", NULL),
	       "--set: signal 'KILL' cannot be blocked, caught or ignored", "OPT_BLOCKABLE");
	is_str(error_of("-c", "11", NULL), "--count: count '11' is out of range (1 to 10)",
	       "a number outside the row's range");
	is_str(error_of("--format", "wide", NULL),
	       "--format: invalid format 'wide' (use full, name or number)", "choice");
	is_str(error_of("--then", "5s", NULL),
	       "--then: invalid DUR:SIG '5s': no ':' (e.g. 5s:KILL)", "DUR:SIG without colon");
	is_str(error_of("--ready-fd", "999", NULL),
	       "--ready-fd: file descriptor 999 is not open", "a closed descriptor");
	ok(!strncmp(error_of("-p", "-3", NULL), "--pid: invalid PID '-3'", 23),
	   "a negative PID value");
	is_str(error_of("--quiet", NULL), "--quiet is refused here",
	       "the option() hook's message, whole");
}

static void test_getopt_errors(void)
{
	is_str(error_of("--json", "-xy", NULL), "invalid option -- 'x'",
	       "an unknown letter in a group names the letter, not the word before");
	is_str(error_of("-vx", NULL), "invalid option -- 'x'", "after a known letter");
	is_str(error_of("--signal=TERM", "-15", NULL), "invalid option -- '1'",
	       "a negative number where the verb takes none is options");
	is_str(error_of("--nosuch", NULL), "unrecognized option '--nosuch'", "unknown long");
	is_str(error_of("--json=yes", NULL), "option '--json=yes' does not take an argument",
	       "a flag given a value");
	is_str(error_of("--timeout", NULL), "option '--timeout' requires an argument",
	       "a long option without its value");
	is_str(error_of("-t", NULL), "option requires an argument -- 't'", "a short one");
	is_str(error_of("--s", NULL), "option '--s' is ambiguous", "an ambiguous prefix");
	is_int(parse("--verb", "--jso", NULL), 0, "a unique prefix is the option");
	ok(ctl.json && ctl.level == 3, "both set");
	is_int(parse("-h", NULL), 1, "--help: 1");
	is_int(parse("--vers", NULL), 2, "--version: 2");
}

static void test_counts(void)
{
	is_str(error_of("a", "b", "c", NULL), "extra operand 'c'", "more than max_args");
	t_cmd.min_args = 1;
	is_str(error_of("-v", NULL), "missing SIG", "fewer than min_args");
	t_cmd.min_args = 0;
	is_int(parse("a", "-v", "b", NULL), 0, "options between operands (permutation)");
	ok(args.nargs == 2 && !strcmp(args.args[0], "a") && !strcmp(args.args[1], "b"),
	   "operands in order");
	is_int(parse("--", "-v", NULL), 0, "'--' ends the options");
	ok(args.nargs == 1 && !strcmp(args.args[0], "-v") && !ctl.level, "'-v' is an operand");
}

static void test_command(void)
{
	t_cmd.command = -1;
	is_int(parse("-v", "a", "--", "cmd", "-v", "--", NULL), 0, "COMMAND after '--'");
	ok(args.nargs == 1 && args.command && !strcmp(args.command[0], "cmd")
	   && !strcmp(args.command[1], "-v") && !strcmp(args.command[2], "--") && !args.command[3],
	   "COMMAND's own words stay its own");
	is_int(parse("-f", "--", "--", "cmd", NULL), 0, "an option's value may be '--'");
	ok(!strcmp(ctl.file, "--") && args.nargs == 0 && args.command && !strcmp(args.command[0], "cmd"),
	   "then the real '--'");
	is_str(error_of("a", "--", NULL), "missing COMMAND after '--'", "'--' with nothing after");
	is_int(parse("a", "b", NULL), 0, "no COMMAND");
	ok(!args.command && args.nargs == 2, "operands only");
	t_cmd.command = 1;
	is_int(parse("-v", "5", "ls", "-l", NULL), 0, "COMMAND after the first operand");
	ok(args.nargs == 1 && args.command && !strcmp(args.command[1], "-l") && ctl.level == 3,
	   "its options are its own");
	t_cmd.command = 0;
}

static void test_negative(void)
{
	t_cmd.negative_operands = true;
	is_int(parse("TERM", "-5", NULL), 0, "'-5' is an operand where the verb takes PIDs");
	ok(args.nargs == 2 && !strcmp(args.args[1], "-5"), "kept as written");
	is_int(parse("-f", "-5", NULL), 0, "an option's value may look negative");
	ok(args.nargs == 0, "and is no operand");
	is_str(error_of("-vx5", NULL), "invalid option -- 'x'", "a group is still options");
	t_cmd.negative_operands = false;
}

static int first_word(void *ctl_, const char *word, struct perr *e)
{
	struct t_ctl *c = ctl_;

	(void)e;
	if (word[0] == '-' && word[1] >= 'A' && word[1] <= 'Z')
		return parse_signal(word + 1, 0, &c->signo, e) < 0 ? -1 : 1;
	return 0;
}

static void test_first_word(void)
{
	t_cmd.first_word = first_word;
	is_int(parse("-KILL", "1", NULL), 0, "kill(1)'s -SIG as the first word");
	ok(ctl.signo == SIGKILL && args.nargs == 1, "taken as the signal");
	is_int(parse("-v", NULL), 0, "a lower-case first word stays an option");
	is_int(ctl.level, 3, "it is");
	is_str(error_of("-FOO", NULL), "unknown signal 'FOO'", "its error, as it words it");
	t_cmd.first_word = NULL;
}

static void test_hook_order(void)
{
	is_int(parse("--block", "HUP", "--block=INT", NULL), 0, "options with no destination");
	ok(ctl.hooked == 2 && ctl.order[0] == SIGBIT(SIGHUP) && ctl.order[1] == SIGBIT(SIGINT),
	   "reach the option() hook in order, parsed");
}

static void test_lenient(void)
{
	char *argv[] = { "t", "--bogus", "-t", NULL };
	struct cmd_lexer l;
	struct cmd_word w, last = { 0 };
	struct perr e;
	int n = 0;

	cmd_lex_init(&l, &t_cmd, 3, argv);
	l.lenient = true;
	while (cmd_lex(&l, &w, &e) > 0)
		n++, last = w;
	ok(n == 1 && last.opt && last.opt->id == 't' && last.value_missing,
	   "completion: a wrong word is skipped, a value still to come is marked");
}

int main(void)
{
	test_selection_kinds();
	test_kinds();
	test_value_errors();
	test_getopt_errors();
	test_counts();
	test_command();
	test_negative();
	test_first_word();
	test_hook_order();
	test_lenient();
	cmd_args_free(&args);
	return done_testing();
}
