/* test-sig.c - the signal table: names, numbers, aliases, descriptions and
 * default actions, checked against the Linux numbering and signal(7). */
#include "config.h"

#include <ctype.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "core/parse.h"
#include "core/sig.h"
#include "tap.h"

/* The kernel's numbering on x86, arm and riscv, and signal(7)'s default
 * actions, written out here rather than taken from the code under test. */
static const struct {
	int signo;
	const char *name;
	enum sig_action action;
} std_table[] = {
	{  1, "HUP",    SIGACT_TERM }, {  2, "INT",    SIGACT_TERM },
	{  3, "QUIT",   SIGACT_CORE }, {  4, "ILL",    SIGACT_CORE },
	{  5, "TRAP",   SIGACT_CORE }, {  6, "ABRT",   SIGACT_CORE },
	{  7, "BUS",    SIGACT_CORE }, {  8, "FPE",    SIGACT_CORE },
	{  9, "KILL",   SIGACT_TERM }, { 10, "USR1",   SIGACT_TERM },
	{ 11, "SEGV",   SIGACT_CORE }, { 12, "USR2",   SIGACT_TERM },
	{ 13, "PIPE",   SIGACT_TERM }, { 14, "ALRM",   SIGACT_TERM },
	{ 15, "TERM",   SIGACT_TERM }, { 16, "STKFLT", SIGACT_TERM },
	{ 17, "CHLD",   SIGACT_IGN  }, { 18, "CONT",   SIGACT_CONT },
	{ 19, "STOP",   SIGACT_STOP }, { 20, "TSTP",   SIGACT_STOP },
	{ 21, "TTIN",   SIGACT_STOP }, { 22, "TTOU",   SIGACT_STOP },
	{ 23, "URG",    SIGACT_IGN  }, { 24, "XCPU",   SIGACT_CORE },
	{ 25, "XFSZ",   SIGACT_CORE }, { 26, "VTALRM", SIGACT_TERM },
	{ 27, "PROF",   SIGACT_TERM }, { 28, "WINCH",  SIGACT_IGN  },
	{ 29, "IO",     SIGACT_TERM }, { 30, "PWR",    SIGACT_TERM },
	{ 31, "SYS",    SIGACT_CORE },
};

static void lower(char *d, const char *s)
{
	while ((*d++ = (char)tolower((unsigned char)*s++)))
		;
}

static int parsed(const char *word)
{
	struct perr e = { "" };
	int signo = -1;

	if (parse_signal(word, 0, &signo, &e) < 0) {
		diag("parse_signal(\"%s\"): %s", word, e.msg);
		return -1;
	}
	return signo;
}

static void test_iteration(void)
{
	int n = 0, prev = 0, bad = 0;

	for (int s = sig_first(); s; s = sig_next(s)) {
		if (s <= prev || s == 32 || s == 33 || !sig_valid(s))
			bad++;
		prev = s;
		if (++n > 100)
			break;
	}
	is_int(sig_first(), 1, "iteration starts at 1");
	is_int(bad, 0, "iteration is increasing and yields only valid signals, never 32/33");
	is_int(n, 31 + SIGRTMAX - SIGRTMIN + 1, "iteration yields 31 + the real-time signals");
	is_int(prev, SIGRTMAX, "iteration ends at SIGRTMAX");
	is_int(sig_next(31), SIGRTMIN, "after 31 comes SIGRTMIN");
	is_int(sig_next(SIGRTMAX), 0, "nothing after SIGRTMAX");
	is_int(sig_rtmin(), SIGRTMIN, "sig_rtmin() is SIGRTMIN");
	is_int(sig_rtmax(), SIGRTMAX, "sig_rtmax() is SIGRTMAX");
	/* glibc reserves two real-time signals for NPTL: 34..64 */
	is_int(SIGRTMIN, 34, "SIGRTMIN is 34 under glibc");
	is_int(SIGRTMAX, 64, "SIGRTMAX is 64 on Linux");
}

static void test_round_trip(void)
{
	for (int s = sig_first(); s; s = sig_next(s)) {
		char nb[SIG_NAME_MAX], word[64], low[64];
		const char *name = sig_name(s, nb);

		ok(name && *name && strncmp(name, "SIG", 3), "%d has a name without SIG: %s",
		   s, name ? name : "(null)");
		if (!name)
			continue;
		is_int(parsed(name), s, "%s -> %d", name, s);
		snprintf(word, sizeof word, "SIG%s", name);
		is_int(parsed(word), s, "%s -> %d", word, s);
		lower(low, name);
		is_int(parsed(low), s, "%s -> %d", low, s);
		lower(low, word);
		is_int(parsed(low), s, "%s -> %d", low, s);
	}
}

static void test_std_names(void)
{
	char nb[SIG_NAME_MAX];

	for (size_t i = 0; i < sizeof std_table / sizeof *std_table; i++) {
		int s = std_table[i].signo;
		is_str(sig_name(s, nb), std_table[i].name, "signal %d is %s", s, std_table[i].name);
		is_int(sig_by_name(std_table[i].name), s, "sig_by_name(%s)", std_table[i].name);
	}
	/* the same numbering as this system's <signal.h> */
	is_int(SIGHUP, 1, "SIGHUP"); is_int(SIGSTKFLT, 16, "SIGSTKFLT");
	is_int(SIGCHLD, 17, "SIGCHLD"); is_int(SIGIO, 29, "SIGIO");
	is_int(SIGPWR, 30, "SIGPWR"); is_int(SIGSYS, 31, "SIGSYS");

	for (int s = -1; s <= 70; s++)
		if (!sig_valid(s))
			ok(sig_name(s, nb) == NULL, "no name for invalid signal %d", s);
}

static void test_aliases(void)
{
	const char *const *a;

	is_int(sig_by_name("IOT"), 6, "IOT is 6");
	is_int(sig_by_name("cld"), 17, "cld is 17");
	is_int(sig_by_name("Poll"), 29, "Poll is 29");
	is_int(parsed("SIGIOT"), 6, "SIGIOT parses to 6");
	is_int(parsed("sigcld"), 17, "sigcld parses to 17");
	is_int(parsed("POLL"), 29, "POLL parses to 29");
	a = sig_aliases(6);
	is_str(a[0], "IOT", "alias of ABRT");
	ok(a[1] == NULL, "ABRT has one alias");
	a = sig_aliases(17);
	is_str(a[0], "CLD", "alias of CHLD");
	ok(a[1] == NULL, "CHLD has one alias");
	a = sig_aliases(29);
	is_str(a[0], "POLL", "alias of IO");
	ok(a[1] == NULL, "IO has one alias");
	a = sig_aliases(15);
	ok(a && a[0] == NULL, "TERM has no alias (empty list, not NULL)");
	a = sig_aliases(SIGRTMIN);
	ok(a && a[0] == NULL, "RTMIN has no alias");
	a = sig_aliases(32);
	ok(a && a[0] == NULL, "32 has no alias");
	is_int(sig_by_name("SIGTERM"), 0, "sig_by_name takes no SIG prefix");
	is_int(sig_by_name(""), 0, "sig_by_name(\"\") is 0");
	is_int(sig_by_name("RTMIN"), 0, "sig_by_name knows standard signals only");
	is_int(sig_by_name("TERMX"), 0, "no prefix match");
	is_int(sig_by_name("TER"), 0, "no partial match");
}

static void test_rt_names(void)
{
	char nb[SIG_NAME_MAX], want[32], db[SIG_DESCR_MAX];

	is_str(sig_name(SIGRTMIN, nb), "RTMIN", "SIGRTMIN is RTMIN");
	is_str(sig_name(SIGRTMAX, nb), "RTMAX", "SIGRTMAX is RTMAX");
	for (int k = 1; k <= 15; k++) {
		snprintf(want, sizeof want, "RTMIN+%d", k);
		is_str(sig_name(SIGRTMIN + k, nb), want, "signal %d", SIGRTMIN + k);
	}
	for (int k = 1; k <= 14; k++) {
		snprintf(want, sizeof want, "RTMAX-%d", k);
		is_str(sig_name(SIGRTMAX - k, nb), want, "signal %d", SIGRTMAX - k);
	}
	is_str(sig_name(49, nb), "RTMIN+15", "49 is RTMIN+15 (lower half)");
	is_str(sig_name(50, nb), "RTMAX-14", "50 is RTMAX-14 (upper half)");

	for (int s = SIGRTMIN; s <= SIGRTMAX; s++) {
		snprintf(want, sizeof want, "Real-time signal %d", s - SIGRTMIN);
		is_str(sig_describe_c(s, db), want, "description of %d", s);
		is_int(sig_default_action(s), SIGACT_TERM, "default of %d is Term", s);
		ok(sig_note(s) != NULL, "%d has the real-time note", s);
	}
}

static void test_actions(void)
{
	static const char *const names[] = { "Term", "Core", "Ign", "Stop", "Cont" };

	for (size_t i = 0; i < sizeof std_table / sizeof *std_table; i++)
		is_str(sig_action_name(sig_default_action(std_table[i].signo)),
		       names[std_table[i].action], "default action of %s", std_table[i].name);
	is_str(sig_action_name(SIGACT_TERM), "Term", "Term");
	is_str(sig_action_name(SIGACT_CORE), "Core", "Core");
	is_str(sig_action_name(SIGACT_IGN), "Ign", "Ign");
	is_str(sig_action_name(SIGACT_STOP), "Stop", "Stop");
	is_str(sig_action_name(SIGACT_CONT), "Cont", "Cont");
	for (int a = SIGACT_TERM; a <= SIGACT_CONT; a++)
		ok(sig_action_text(a) && *sig_action_text(a), "text for %s", names[a]);

	int uncatchable = 0;
	for (int s = sig_first(); s; s = sig_next(s))
		if (!sig_catchable(s))
			uncatchable++;
	is_int(uncatchable, 2, "exactly two signals cannot be caught");
	ok(!sig_catchable(SIGKILL), "KILL cannot be caught");
	ok(!sig_catchable(SIGSTOP), "STOP cannot be caught");
	ok(sig_catchable(SIGTSTP), "TSTP can be caught");
	ok(sig_catchable(SIGTERM), "TERM can be caught");
	ok(sig_catchable(SIGRTMAX), "RTMAX can be caught");

	ok(sig_note(SIGKILL) != NULL, "KILL has a note");
	ok(sig_note(SIGSTOP) != NULL, "STOP has a note");
	ok(sig_note(SIGCHLD) != NULL, "CHLD has a note");
	ok(sig_note(SIGPIPE) != NULL, "PIPE has a note");
	ok(sig_note(SIGTERM) == NULL, "TERM has no note");
	ok(sig_note(SIGUSR1) == NULL, "USR1 has no note");
}

static void test_valid(void)
{
	static const int invalid[] = { 0, 32, 33, 65, -1, 128, INT_MAX, INT_MIN };
	static const int valid[] = { 1, 9, 16, 31, 34, 64 };

	for (size_t i = 0; i < sizeof invalid / sizeof *invalid; i++)
		ok(!sig_valid(invalid[i]), "%d is not valid", invalid[i]);
	for (size_t i = 0; i < sizeof valid / sizeof *valid; i++)
		ok(sig_valid(valid[i]), "%d is valid", valid[i]);

	sigmask64 v = sig_valid_mask(), b = sig_blockable_mask();
	is_int(__builtin_popcountll(v), 62, "62 valid signals");
	is_int(__builtin_popcountll(b), 60, "60 blockable signals");
	ok(v == 0xfffffffe7fffffffULL, "valid mask is 1-31 and 34-64: %016llx", (unsigned long long)v);
	ok(b == 0xfffffffe7ffbfeffULL, "blockable mask lacks KILL and STOP: %016llx", (unsigned long long)b);
	ok(!(v & (SIGBIT(32) | SIGBIT(33))), "32 and 33 not in the valid mask");
	ok((b & v) == b, "blockable is a subset of valid");
	ok(!(b & SIGBIT(SIGKILL)) && !(b & SIGBIT(SIGSTOP)), "KILL and STOP not blockable");
	ok((b & SIGBIT(SIGTERM)) && (b & SIGBIT(64)) && (b & SIGBIT(1)), "TERM, 64 and 1 blockable");
}

static void test_from_status(void)
{
	static const struct { long long status; int signo; } cases[] = {
		{ 129, 1 }, { 143, 15 }, { 137, 9 }, { 128, 0 }, { 127, 0 }, { 0, 0 },
		{ -1, 0 }, { -143, 0 }, { 159, 31 }, { 160, 0 }, { 161, 0 }, { 162, 34 },
		{ 192, 64 }, { 193, 0 }, { 255, 0 }, { 300, 0 }, { 128 + 0x100000000LL + 15, 0 },
		{ LLONG_MAX, 0 }, { LLONG_MIN, 0 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		is_int(sig_from_status(cases[i].status), cases[i].signo,
		       "status %lld -> signal %d", cases[i].status, cases[i].signo);
}

static void test_describe(void)
{
	char db[SIG_DESCR_MAX], db2[SIG_DESCR_MAX];

	is_str(sig_describe_c(SIGTERM, db), "Terminated", "TERM is Terminated");
	is_str(sig_describe_c(SIGKILL, db), "Killed", "KILL is Killed");
	is_str(sig_describe_c(SIGHUP, db), "Hangup", "HUP is Hangup");
	is_str(sig_describe_c(SIGINT, db), "Interrupt", "INT is Interrupt");
	is_str(sig_describe_c(SIGSEGV, db), "Segmentation fault", "SEGV");
	is_str(sig_describe_c(SIGRTMIN, db), "Real-time signal 0", "RTMIN");
	is_str(sig_describe_c(SIGRTMAX, db), "Real-time signal 30", "RTMAX");
	for (int s = 1; s < 32; s++) {
		const char *d = sig_describe_c(s, db);
		ok(d && *d && strncmp(d, "Unknown", 7) && strncmp(d, "Real-time", 9),
		   "%d has its own description: %s", s, d ? d : "(null)");
	}
	/* In the C locale the translated text is strsignal's, the C text. */
	int differ = 0;
	for (int s = sig_first(); s; s = sig_next(s))
		if (strcmp(sig_describe(s, db), sig_describe_c(s, db2))) {
			diag("describe(%d) '%s' != describe_c '%s'", s, db, db2);
			differ++;
		}
	is_int(differ, 0, "sig_describe equals sig_describe_c in the C locale for every signal");
}

static void test_nearest(void)
{
	const char *n;

	is_str(sig_nearest_name("TREM"), "TERM", "TREM -> TERM (transposition)");
	is_str(sig_nearest_name("trem"), "TERM", "trem -> TERM (any case)");
	n = sig_nearest_name("USR3");
	ok(n && (!strcmp(n, "USR1") || !strcmp(n, "USR2")), "USR3 -> USR1 or USR2: %s",
	   n ? n : "(null)");
	ok(sig_nearest_name("XYZZY") == NULL, "XYZZY -> nothing");
	is_str(sig_nearest_name("HUPP"), "HUP", "HUPP -> HUP");
	is_str(sig_nearest_name("KIL"), "KILL", "KIL -> KILL");
	is_str(sig_nearest_name("SEGF"), "SEGV", "SEGF -> SEGV");
	is_str(sig_nearest_name("RTMN"), "RTMIN", "RTMN -> RTMIN");
	is_str(sig_nearest_name("RTMAXX"), "RTMAX", "RTMAXX -> RTMAX");
	ok(sig_nearest_name("") == NULL, "empty word -> nothing");
	ok(sig_nearest_name("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL, "long word -> nothing");
	ok(sig_nearest_name("QQ") == NULL, "QQ (two edits from IO, short word) -> nothing");
}

int main(void)
{
	test_iteration();
	test_round_trip();
	test_std_names();
	test_aliases();
	test_rt_names();
	test_actions();
	test_valid();
	test_from_status();
	test_describe();
	test_nearest();
	return done_testing();
}
