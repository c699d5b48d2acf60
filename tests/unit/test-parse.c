/* test-parse.c - the strict parsers: what they accept, with exact values, and
 * a table of malformed input each must refuse with a message naming it. */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/parse.h"
#include "core/sig.h"
#include "tap.h"

#define NS_S  1000000000LL

static void sig_ok(const char *s, unsigned flags, int want)
{
	struct perr e = { "" };
	int signo = -12345;
	int rc = parse_signal(s, flags, &signo, &e);

	ok(rc == 0 && signo == want, "signal '%s'%s -> %d", s,
	   flags & PS_ALLOW_ZERO ? " (zero allowed)" : "", want);
	if (rc || signo != want)
		diag("rc %d, got %d, message '%s'", rc, signo, e.msg);
}

static void test_signal(void)
{
	static const struct { const char *s; int signo; } cases[] = {
		{ "term", 15 }, { "TERM", 15 }, { "Term", 15 }, { "SIGTERM", 15 },
		{ "sigterm", 15 }, { "SigTerm", 15 }, { "15", 15 }, { "015", 15 },
		{ "0000015", 15 }, { "1", 1 }, { "31", 31 }, { "34", 34 }, { "64", 64 },
		{ "hup", 1 }, { "kill", 9 }, { "STKFLT", 16 }, { "chld", 17 },
		{ "SIGCONT", 18 }, { "stop", 19 }, { "io", 29 }, { "pwr", 30 },
		{ "sys", 31 }, { "VTALRM", 26 }, { "winch", 28 },
		{ "IOT", 6 }, { "sigiot", 6 }, { "CLD", 17 }, { "SIGCLD", 17 },
		{ "POLL", 29 }, { "sigpoll", 29 },
		{ "RTMIN", 34 }, { "rtmin", 34 }, { "SIGRTMIN", 34 }, { "RTMIN+0", 34 },
		{ "RTMIN+1", 35 }, { "rtmin+15", 49 }, { "RTMIN+30", 64 },
		{ "RTMIN+015", 49 }, { "RTMAX", 64 }, { "sigrtmax", 64 },
		{ "RTMAX-0", 64 }, { "RTMAX-1", 63 }, { "SIGRTMAX-14", 50 },
		{ "RTMAX-30", 34 }, { "RT0", 34 }, { "RT1", 35 }, { "rt30", 64 },
		{ "RT05", 39 }, { "SIGRT2", 36 },
	};

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		sig_ok(cases[i].s, 0, cases[i].signo);
	sig_ok("0", PS_ALLOW_ZERO, 0);
	sig_ok("00", PS_ALLOW_ZERO, 0);
	sig_ok("15", PS_ALLOW_ZERO, 15);
	sig_ok("kill", PS_ALLOW_ZERO, 9);

	/* util.h's ASCII case mapping: "int" is INT even where i upper-cases
	 * to a dotted capital I. */
	if (setlocale(LC_ALL, "tr_TR.UTF-8"))
		diag("testing in tr_TR.UTF-8");
	else
		diag("tr_TR.UTF-8 not installed: testing the case mapping in the C locale");
	sig_ok("int", 0, 2);
	sig_ok("sigint", 0, 2);
	sig_ok("sigpipe", 0, 13);
	sig_ok("rtmin+1", 0, 35);
	setlocale(LC_ALL, "C");

	struct perr e = { "" };
	int signo = 0;
	parse_signal("TREM", 0, &signo, &e);
	is_str(e.msg, "unknown signal 'TREM' (did you mean TERM?)", "the full suggestion message");
}

static void set_ok(const char *s, unsigned flags, sigmask64 start, sigmask64 want)
{
	struct perr e = { "" };
	sigmask64 set = start;
	int rc = parse_sigset(s, flags, &set, &e);

	ok(rc == 0 && set == want, "set '%s'%s -> %016llx", s,
	   flags & PSET_BLOCKABLE ? " (blockable)" : "", (unsigned long long)want);
	if (rc || set != want)
		diag("rc %d, got %016llx, message '%s'", rc, (unsigned long long)set, e.msg);
}

static void test_sigset(void)
{
	sigmask64 all = sig_blockable_mask();
	struct perr e;
	sigmask64 set;

	set_ok("term", 0, 0, SIGBIT(15));
	set_ok("term,int", 0, 0, SIGBIT(15) | SIGBIT(2));
	set_ok("SIGHUP,1,hup", 0, 0, SIGBIT(1));
	set_ok("usr1,USR2,rtmin,rtmax-1", 0, 0, SIGBIT(10) | SIGBIT(12) | SIGBIT(34) | SIGBIT(63));
	set_ok("kill", 0, 0, SIGBIT(9));
	set_ok("all", 0, 0, all);
	set_ok("ALL", 0, 0, all);
	set_ok("all", PSET_BLOCKABLE, 0, all);
	set_ok("all,kill", 0, 0, sig_valid_mask() & ~SIGBIT(SIGSTOP));
	set_ok("usr1,usr2", PSET_BLOCKABLE, 0, SIGBIT(10) | SIGBIT(12));
	set_ok("int", 0, SIGBIT(15), SIGBIT(15) | SIGBIT(2));
	ok(all == 0xfffffffe7ffbfeffULL, "all = every valid signal but KILL and STOP");

	/* repeated options add up into one mask */
	set = 0;
	ok(parse_sigset("term", 0, &set, &e) == 0 && parse_sigset("int,hup", 0, &set, &e) == 0
	   && parse_sigset("term", 0, &set, &e) == 0
	   && set == (SIGBIT(15) | SIGBIT(2) | SIGBIT(1)), "repeats accumulate: TERM INT HUP");
	ok(parse_sigset("all", 0, &set, &e) == 0 && set == all, "then all: every blockable signal");

	/* a refused list changes nothing */
	set = SIGBIT(1);
	ok(parse_sigset("term,bogus", 0, &set, &e) < 0 && set == SIGBIT(1),
	   "a list with a bad word leaves the set as it was: %016llx", (unsigned long long)set);
	set = SIGBIT(1);
	ok(parse_sigset("all,kill", PSET_BLOCKABLE, &set, &e) < 0 && set == SIGBIT(1),
	   "all,kill (blockable) leaves the set as it was: %016llx", (unsigned long long)set);
}

static void pid_ok(const char *s, bool inode, pid_t pid, bool has, uint64_t ino)
{
	struct perr e = { "" };
	struct pid_spec p;
	int rc = parse_pid(s, inode, &p, &e);

	ok(rc == 0 && p.pid == pid && p.has_inode == has && (!has || p.inode == ino),
	   "PID '%s'%s -> %d%s", s, inode ? " (inode allowed)" : "", (int)pid,
	   has ? " with inode" : "");
	if (rc)
		diag("message '%s'", e.msg);
}

static void test_pid(void)
{
	pid_ok("1", false, 1, false, 0);
	pid_ok("007", false, 7, false, 0);
	pid_ok("4242", false, 4242, false, 0);
	pid_ok("2147483647", false, INT_MAX, false, 0);
	pid_ok("02147483647", false, INT_MAX, false, 0);
	pid_ok("4242", true, 4242, false, 0);
	pid_ok("123:456", true, 123, true, 456);
	pid_ok("1:1", true, 1, true, 1);
	pid_ok("99:18446744073709551615", true, 99, true, UINT64_MAX);

	/* the core names no option: the verb that has --pgid says so */
	struct perr e = { "" };
	struct pid_spec p;
	ok(parse_pid("-5", false, &p, &e) < 0, "-5 is no PID");
	is_str(e.msg, "invalid PID '-5': negative", "and its message names no option");
}

static void dur_ok(const char *s, int64_t want)
{
	struct perr e = { "" };
	int64_t ns = -1;
	int rc = parse_duration(s, &ns, &e);
	int64_t ns2 = -1;

	/* the exponent form reads every plain duration the same */
	ok(parse_duration_exp(s, &ns2, &e) == 0 && ns2 == want, "duration '%s' (exp) -> %lld ns",
	   s, (long long)want);

	ok(rc == 0 && ns == want, "duration '%s' -> %lld ns", s, (long long)want);
	if (rc || ns != want)
		diag("rc %d, got %lld, message '%s'", rc, (long long)ns, e.msg);
}

static void test_duration(void)
{
	dur_ok("1", NS_S);
	dur_ok("1s", NS_S);
	dur_ok("1.5", 1500000000LL);
	dur_ok("250ms", 250000000LL);
	dur_ok("1.5ms", 1500000LL);
	dur_ok("0.001ms", 1000LL);
	dur_ok("2m", 120 * NS_S);
	dur_ok("1h", 3600 * NS_S);
	dur_ok("1.25h", 4500 * NS_S);
	dur_ok("1d", 86400 * NS_S);
	dur_ok("0.5d", 43200 * NS_S);
	dur_ok(".5", 500000000LL);
	dur_ok("0", 0);
	dur_ok("0ms", 0);
	dur_ok("0.0", 0);
	dur_ok("00010", 10 * NS_S);
	dur_ok("0.000000001", 1);
	dur_ok("0.0000000019", 1);            /* beyond ns: dropped, not rounded */
	dur_ok("2.000000000999", 2 * NS_S);
	dur_ok("9223372036.854775807", INT64_MAX);
}

static void dure_ok(const char *s, int64_t want)
{
	struct perr e = { "" };
	int64_t ns = -1;
	int rc = parse_duration_exp(s, &ns, &e);

	ok(rc == 0 && ns == want, "duration_exp '%s' -> %lld ns", s, (long long)want);
	if (rc || ns != want)
		diag("rc %d, got %lld, message '%s'", rc, (long long)ns, e.msg);
	ok(parse_duration(s, &ns, &e) < 0 || !strchr(s, 'e'), "plain parse_duration refuses '%s'", s);
}

static void dure_bad(const char *s, const char *phrase)
{
	struct perr e = { "" };
	int64_t ns;

	ok(parse_duration_exp(s, &ns, &e) == -1 && strstr(e.msg, phrase) && strstr(e.msg, s),
	   "duration_exp '%s' refused: %s", s, e.msg);
}

/* timeout(1)'s floating-point forms: an exponent, with or without a sign */
static void test_duration_exponent(void)
{
	dure_ok("1e-3", 1000000LL);
	dure_ok("1E-3", 1000000LL);
	dure_ok("2.5e2ms", 250000000LL);
	dure_ok("1e+2", 100 * NS_S);
	dure_ok("1e2", 100 * NS_S);
	dure_ok(".5e1", 5 * NS_S);
	dur_ok("2.5m", 150 * NS_S);
	dure_ok("5e-10", 0);                   /* below 1 ns: dropped */
	dure_ok("1e-9", 1);
	dure_ok("0e999999999", 0);
	dure_ok("1e-99999999999", 0);
	dure_ok("0.0001e4", NS_S);
	dure_ok("123456e-3", 123456000000LL);
	dure_ok("9.223372036854775807e9", INT64_MAX);
	dure_ok("1.5e-3d", 129600000000LL);
	dure_bad("1e999", "too large");
	dure_bad("9.3e9", "too large");
	dure_bad("1e", "unknown unit 'e'");
	dure_bad("1e+", "unknown unit 'e+'");
	dure_bad("1e-s", "unknown unit 'e-s'");
	dure_bad("1e1.5", "unknown unit '.5'");
	dure_bad("e3", "invalid duration");
	dure_bad("-1e-3", "is negative");
	dure_bad("0x1p3", "unknown unit 'x1p3'");
	dure_bad("nan", "invalid duration");
	dure_bad("inf", "invalid duration");
}

/* Every digit counts before the unit is applied, however many there are:
 * the exact value, rounded down to the nanosecond. */
static void test_duration_digits(void)
{
	char buf[6000];

	dur_ok("0.0000000001d", 8640);         /* not 0: 8.64 us */
	dur_ok("0.00000000001h", 36);
	dur_ok("1.23456789012ms", 1234567);
	dur_ok("0.0000001ms", 0);
	dur_ok("0.0000000001s", 0);
	dur_ok("106751.9911673006d", 9223372036854771840LL);
	dur_ok("0.99999999999999999999999999999999999999999999d", 86400 * NS_S - 1);
	/* 5000 digits: a half day, then zeros, then a 1 that adds less than 1 ns */
	snprintf(buf, sizeof buf, "0.5%04990dd", 1);
	dur_ok(buf, 43200 * NS_S);
	snprintf(buf, sizeof buf, "%05000d.25m", 2);
	dur_ok(buf, 135 * NS_S);
}

static void test_duration_max(void)
{
	/* whole units up to the largest that fits */
	dur_ok("9223372036", 9223372036LL * NS_S);
	dur_ok("153722867m", 153722867LL * 60 * NS_S);
	dur_ok("2562047h", 2562047LL * 3600 * NS_S);
	dur_ok("106751d", 106751LL * 86400 * NS_S);
	dur_ok("9223372036854ms", 9223372036854LL * 1000000);
}

static void hex_ok(const char *s, sigmask64 want)
{
	struct perr e = { "" };
	sigmask64 m = 12345;
	int rc = parse_hexmask(s, &m, &e);

	ok(rc == 0 && m == want, "mask '%s' -> %016llx", s, (unsigned long long)want);
	if (rc || m != want)
		diag("rc %d, got %016llx, message '%s'", rc, (unsigned long long)m, e.msg);
}

static void test_hexmask(void)
{
	hex_ok("0000000000002000", 1ULL << 13);
	ok(SIGBIT(SIGALRM) == 1ULL << 13, "bit 13 is ALRM");
	hex_ok("0x1", 1);
	hex_ok("0X10", 16);
	hex_ok("ffffffffffffffff", UINT64_MAX);
	hex_ok("FFFFFFFFFFFFFFFF", UINT64_MAX);
	hex_ok("0xffffffffffffffff", UINT64_MAX);
	hex_ok("0", 0);
	hex_ok("0000000000000000", 0);
	hex_ok("a", 10);
	hex_ok("fffffffe7ffbfeff", sig_blockable_mask());
	hex_ok("8000000000000000", SIGBIT(64));
}

static void int_ok(const char *s, long long min, long long max, long long want)
{
	struct perr e = { "" };
	long long v = 12345;
	int rc = parse_int(s, min, max, &v, "count", &e);

	ok(rc == 0 && v == want, "int '%s' in [%lld, %lld] -> %lld", s, min, max, want);
	if (rc || v != want)
		diag("rc %d, got %lld, message '%s'", rc, v, e.msg);
}

static void test_int(void)
{
	int_ok("0", 0, 10, 0);
	int_ok("10", 0, 10, 10);
	int_ok("007", 0, 10, 7);
	int_ok("-10", -10, 10, -10);
	int_ok("-0", -10, 10, 0);
	int_ok("42", LLONG_MIN, LLONG_MAX, 42);
	int_ok("9223372036854775807", LLONG_MIN, LLONG_MAX, LLONG_MAX);
	int_ok("-9223372036854775808", LLONG_MIN, LLONG_MAX, LLONG_MIN);
}

/* ---- malformed input: every parser, one table ---- */

enum kind {
	SIG,    /* parse_signal, no flags */
	SIG0,   /* parse_signal, PS_ALLOW_ZERO */
	SET,    /* parse_sigset, no flags */
	SETB,   /* parse_sigset, PSET_BLOCKABLE */
	PID,    /* parse_pid */
	PIDI,   /* parse_pid, PID:INODE allowed */
	DUR,    /* parse_duration */
	HEX,    /* parse_hexmask */
	INT,    /* parse_int in [-10, 1000], "count" */
	UINT,   /* parse_int in [0, 255], "exit status" */
};

static const char *const kind_name[] = {
	"signal", "signal (0 ok)", "set", "set (blockable)", "PID", "PID:INODE",
	"duration", "hex mask", "int", "uint",
};

static const struct bad {
	enum kind k;
	const char *in;
	const char *phrase;     /* the message contains it */
	const char *word;       /* the quoted word, if not the whole input */
} bad[] = {
	{ SIG, "", "empty signal name", NULL },
	{ SIG, " 15", "unknown signal", NULL },
	{ SIG, "15 ", "invalid signal number", NULL },
	{ SIG, "+15", "unknown signal", NULL },
	{ SIG, "-15", "unknown signal", NULL },
	{ SIG, "0x0f", "invalid signal number", NULL },
	{ SIG, "1e3", "invalid signal number", NULL },
	{ SIG, "1.0", "invalid signal number", NULL },
	{ SIG, "SIG", "unknown signal", NULL },
	{ SIG, "SIGSIG", "unknown signal", NULL },
	{ SIG, "SIG15", "unknown signal", NULL },
	{ SIG, "TREM", "did you mean TERM?", NULL },
	{ SIG, "sigtrem", "did you mean TERM?", NULL },
	{ SIG, "TERM ", "did you mean TERM?", NULL },
	{ SIG, "KILLL", "did you mean KILL?", NULL },
	{ SIG, "USR3", "did you mean USR", NULL },
	{ SIG, "XYZZY", "unknown signal", NULL },
	{ SIG, "32", "not a valid signal number (1-31, 34-64)", NULL },
	{ SIG, "33", "not a valid signal number", NULL },
	{ SIG, "65", "not a valid signal number", NULL },
	{ SIG, "0", "not a valid signal number", NULL },
	{ SIG, "99999999999", "not a valid signal number", NULL },
	{ SIG, "RTMIN+31", "out of range (RTMIN+0 to RTMIN+30)", NULL },
	{ SIG, "RTMAX-31", "out of range (RTMAX-0 to RTMAX-30)", NULL },
	{ SIG, "RTMIN+99999999999", "out of range", NULL },
	{ SIG, "RTMIN-1", "use RTMIN+n or RTMAX-n", NULL },
	{ SIG, "RTMAX+1", "use RTMIN+n or RTMAX-n", NULL },
	{ SIG, "RTMIN+", "use RTMIN+n or RTMAX-n", NULL },
	{ SIG, "RTMIN+-1", "use RTMIN+n or RTMAX-n", NULL },
	{ SIG, "RTMIN+ 1", "use RTMIN+n or RTMAX-n", NULL },
	{ SIG, "RTMIN1", "use RTMIN+n or RTMAX-n", NULL },
	{ SIG, "RTMINFOO", "use RTMIN+n or RTMAX-n", NULL },
	{ SIG, "RT", "unknown signal", NULL },
	{ SIG, "RT31", "out of range (RT0 to RT30)", NULL },
	{ SIG, "RT1x", "unknown signal", NULL },
	{ SIG, "RT99999999999", "out of range (RT0 to RT30)", NULL },
	{ SIG, "RTMAX-99999999999", "out of range (RTMAX-0 to RTMAX-30)", NULL },
	{ SIG, "RTFOO", "unknown signal", NULL },
	{ SIG0, "-1", "unknown signal", NULL },
	{ SIG0, "32", "not a valid signal number", NULL },
	{ SIG0, "0x0", "invalid signal number", NULL },
	{ SET, "", "empty signal list", NULL },
	{ SET, "term,", "empty name in signal list", NULL },
	{ SET, ",term", "empty name in signal list", NULL },
	{ SET, "term,,int", "empty name in signal list", NULL },
	{ SET, ",", "empty name in signal list", NULL },
	{ SET, "term;int", "unknown signal", NULL },
	{ SET, "term, int", "unknown signal", " int" },
	{ SET, "term,trem", "did you mean TERM?", "trem" },
	{ SET, "all,bogus", "unknown signal", "bogus" },
	{ SET, "int,0", "not a valid signal number", "0" },
	{ SET, "alll", "unknown signal", NULL },
	{ SETB, "KILL", "cannot be blocked", NULL },
	{ SETB, "term,sigstop", "cannot be blocked", "sigstop" },
	{ SETB, "all,9", "cannot be blocked", "9" },
	{ PID, "", "empty PID", NULL },
	{ PID, "0", "out of range (1 to 2147483647)", NULL },
	{ PID, "000", "out of range", NULL },
	{ PID, "-1", "invalid PID '-1': negative", NULL },
	{ PID, "-42", "invalid PID '-42': negative", NULL },
	{ PID, "2147483648", "out of range (1 to 2147483647)", NULL },
	{ PID, "99999999999999999999999", "out of range", NULL },
	{ PID, "1.5", "invalid PID", NULL },
	{ PID, "12a", "invalid PID", NULL },
	{ PID, "0x10", "invalid PID", NULL },
	{ PID, " 1", "invalid PID", NULL },
	{ PID, "1 ", "invalid PID", NULL },
	{ PID, "+1", "invalid PID", NULL },
	{ PID, "-", "invalid PID", NULL },
	{ PID, "1:", "invalid PID", NULL },
	{ PID, "1:5", "invalid PID", NULL },
	{ PID, "1:0", "invalid PID", NULL },
	{ PIDI, "1:", "invalid PID:INODE", NULL },
	{ PIDI, "1:abc", "invalid PID:INODE", NULL },
	{ PIDI, "1:0", "invalid PID:INODE", NULL },
	{ PIDI, "1:2:3", "invalid PID:INODE", NULL },
	{ PIDI, "1:-5", "invalid PID:INODE", NULL },
	{ PIDI, "1:18446744073709551616", "invalid PID:INODE", NULL },
	{ PIDI, ":5", "invalid PID", NULL },
	{ PIDI, "0:5", "out of range", NULL },
	{ PIDI, "-1:5", "invalid PID '-1:5': negative", NULL },
	{ DUR, "", "empty duration", NULL },
	{ DUR, "-1", "is negative", NULL },
	{ DUR, "-0.5s", "is negative", NULL },
	{ DUR, "abc", "invalid duration", NULL },
	{ DUR, "nan", "invalid duration", NULL },
	{ DUR, "inf", "invalid duration", NULL },
	{ DUR, "infinity", "invalid duration", NULL },
	{ DUR, "1e999", "unknown unit 'e999'", NULL },     /* see test_duration_exponent */
	{ DUR, "1e-3", "unknown unit 'e-3'", NULL },
	{ DUR, "0x10", "unknown unit 'x10'", NULL },
	{ DUR, "1 s", "unknown unit ' s'", NULL },
	{ DUR, "5q", "unknown unit 'q'", NULL },
	{ DUR, "1S", "unknown unit 'S'", NULL },
	{ DUR, "1ms5", "unknown unit 'ms5'", NULL },
	{ DUR, "1s ", "unknown unit", NULL },
	{ DUR, " 1", "invalid duration", NULL },
	{ DUR, "+1", "invalid duration", NULL },
	{ DUR, "ms", "invalid duration", NULL },
	{ DUR, "1.", "invalid duration", NULL },
	{ DUR, ".", "invalid duration", NULL },
	{ DUR, ".s", "invalid duration", NULL },
	{ DUR, "1..5", "invalid duration", NULL },
	{ DUR, "1.5.5", "unknown unit", NULL },
	{ DUR, "99999999999999999999", "too large", NULL },
	{ DUR, "9223372037", "too large", NULL },
	{ DUR, "9223372036.854775808", "too large", NULL },
	{ DUR, "153722868m", "too large", NULL },
	{ DUR, "2562048h", "too large", NULL },
	{ DUR, "106752d", "too large", NULL },
	{ DUR, "200000d", "too large", NULL },
	{ DUR, "9223372036855ms", "too large", NULL },
	{ HEX, "", "empty mask", NULL },
	{ HEX, "xyz", "invalid hex mask", NULL },
	{ HEX, "0x", "invalid hex mask", NULL },
	{ HEX, "0x0x1", "invalid hex mask", NULL },
	{ HEX, "12345678901234567", "too long", NULL },
	{ HEX, "ffffffffffffffff0", "too long", NULL },
	{ HEX, "00000000000000000", "too long", NULL },
	{ HEX, "0x00000000000000001", "too long", NULL },
	{ HEX, "g1", "invalid hex mask", NULL },
	{ HEX, " 1", "invalid hex mask", NULL },
	{ HEX, "1 ", "invalid hex mask", NULL },
	{ HEX, "-1", "invalid hex mask", NULL },
	{ HEX, "x1", "invalid hex mask", NULL },
	{ INT, "", "empty count", NULL },
	{ INT, "abc", "invalid count", NULL },
	{ INT, "+5", "invalid count", NULL },
	{ INT, " 5", "invalid count", NULL },
	{ INT, "5 ", "invalid count", NULL },
	{ INT, "-", "invalid count", NULL },
	{ INT, "--5", "invalid count", NULL },
	{ INT, "1.0", "invalid count", NULL },
	{ INT, "0x10", "invalid count", NULL },
	{ INT, "1e3", "invalid count", NULL },
	{ INT, "1001", "out of range (-10 to 1000)", NULL },
	{ INT, "-11", "out of range (-10 to 1000)", NULL },
	{ INT, "99999999999999999999", "out of range", NULL },
	{ INT, "-99999999999999999999", "out of range", NULL },
	{ UINT, "-1", "out of range (0 to 255)", NULL },
	{ UINT, "-0", "out of range (0 to 255)", NULL },
	{ UINT, "256", "out of range (0 to 255)", NULL },
	{ UINT, "", "empty exit status", NULL },
};

static int run_bad(const struct bad *b, struct perr *e)
{
	union { int signo; sigmask64 set; struct pid_spec pid; int64_t ns; long long v; } out;

	switch (b->k) {
	case SIG:  return parse_signal(b->in, 0, &out.signo, e);
	case SIG0: return parse_signal(b->in, PS_ALLOW_ZERO, &out.signo, e);
	case SET:  out.set = 0; return parse_sigset(b->in, 0, &out.set, e);
	case SETB: out.set = 0; return parse_sigset(b->in, PSET_BLOCKABLE, &out.set, e);
	case PID:  return parse_pid(b->in, false, &out.pid, e);
	case PIDI: return parse_pid(b->in, true, &out.pid, e);
	case DUR:  return parse_duration(b->in, &out.ns, e);
	case HEX:  return parse_hexmask(b->in, &out.set, e);
	case INT:  return parse_int(b->in, -10, 1000, &out.v, "count", e);
	case UINT: return parse_int(b->in, 0, 255, &out.v, "exit status", e);
	}
	return 0;
}

static void test_malformed(void)
{
	size_t n = sizeof bad / sizeof *bad;

	ok(n >= 60, "%zu malformed inputs", n);
	for (size_t i = 0; i < n; i++) {
		const struct bad *b = &bad[i];
		struct perr e;
		char quoted[80];
		int rc;

		memset(e.msg, 0, sizeof e.msg);
		rc = run_bad(b, &e);
		snprintf(quoted, sizeof quoted, "'%s'", b->word ? b->word : b->in);
		/* an empty word is named by the message itself ("empty PID") */
		bool named = !*b->in || strstr(e.msg, quoted);
		ok(rc == -1 && named && strstr(e.msg, b->phrase),
		   "%s '%s' refused: %s", kind_name[b->k], b->in, e.msg);
		if (rc != -1)
			diag("accepted (rc %d)", rc);
		else if (!named || !strstr(e.msg, b->phrase))
			diag("want %s and '%s' in the message", quoted, b->phrase);
	}
}

/* DUR:SIG, --then's value: the table's ARG_DUR_SIGNAL. */
static void test_dur_sig(void)
{
	struct dur_sig st;
	struct perr e;

	ok(parse_dur_sig("1.5s:KILL", &st, &e) == 0 && st.delay == 1500000000 && st.signo == 9,
	   "1.5s:KILL");
	ok(parse_dur_sig("250ms:rtmin+1", &st, &e) == 0 && st.delay == 250000000,
	   "250ms:rtmin+1");
	ok(parse_dur_sig("0:INT", &st, &e) == 0 && st.delay == 0 && st.signo == 2, "0:INT");
	ok(parse_dur_sig("5s", &st, &e) < 0, "5s: no colon");
	is_str(e.msg, "invalid DUR:SIG '5s': no ':' (e.g. 5s:KILL)", "its message");
	ok(parse_dur_sig(":KILL", &st, &e) < 0, ":KILL");
	ok(parse_dur_sig("5s:", &st, &e) < 0, "5s:");
	ok(parse_dur_sig("5s:0", &st, &e) < 0, "5s:0: a step sends a signal");
	ok(parse_dur_sig("-1s:KILL", &st, &e) < 0, "a negative delay");
	ok(parse_dur_sig("5s:KILL:x", &st, &e) < 0, "two colons");
	ok(parse_dur_sig("11111111111111111111111111111111111111111111111111111111111111111111s:KILL",
			 &st, &e) < 0, "a delay too large");
	is_str(e.msg, "invalid DUR:SIG '11111111111111111111111111111111111111111111111111111111111111111111s:KILL': "
	       "duration '11111111111111111111111111111111111111111111111111111111111111111111s' is too large",
	       "  its message");
	/* no length limit on a valid delay (it was 63 bytes) */
	ok(parse_dur_sig("00000000000000000000000000000000000000000000000000000000000000000001.5s:KILL",
			 &st, &e) == 0 && st.delay == 1500000000 && st.signo == 9, "a 70-byte delay");
	ok(parse_dur_sig("0.0000000001000000000000000000000000000000000000000000000000000000000000d:TERM",
			 &st, &e) == 0 && st.delay == 8640 && st.signo == 15, "  and 0.0000000001d: 8640 ns");
}

/* No length limit on a signal word in a set (it was 63 bytes), the same
 * word that parse_signal takes alone. */
static void test_long_words(void)
{
	char word[200], list[300];
	int signo;
	struct perr e;

	snprintf(word, sizeof word, "SIGRTMIN+%0100d", 1);
	ok(parse_signal(word, 0, &signo, &e) == 0 && signo == sig_rtmin() + 1, "a 109-byte signal alone");
	snprintf(list, sizeof list, "term,%s,int", word);
	set_ok(list, 0, 0, SIGBIT(SIGTERM) | SIGBIT(sig_rtmin() + 1) | SIGBIT(SIGINT));
	snprintf(word, sizeof word, "%0150d", SIGHUP);
	set_ok(word, PSET_BLOCKABLE, 0, SIGBIT(SIGHUP));
	snprintf(list, sizeof list, "usr1,%0100d", 77);
	sigmask64 set = 0;
	ok(parse_sigset(list, 0, &set, &e) < 0 && set == 0, "a long bad word: refused, nothing added");
	ok(strstr(e.msg, "'0000000000") != NULL, "  and named whole: %s", e.msg);
}

static void test_idlist(void)
{
	struct idlist l = { 0 };
	struct perr e;

	ok(parse_idlist("0,root", ID_USER, &l, &e) == 0, "users: a number and a name");
	is_int(l.n, 2, "two ids");
	is_int(l.id[0], 0, "0");
	is_int(l.id[1], 0, "root is 0");
	ok(parse_idlist("12", ID_NUMBER, &l, &e) == 0, "appends");
	is_int(l.n, 3, "three ids");
	struct idlist g = { 0 };
	ok(parse_idlist("root", ID_GROUP, &g, &e) == 0 && g.n == 1 && g.id[0] == 0, "group root");
	idlist_free(&g);
	ok(parse_idlist("nosuchuserzq", ID_USER, &l, &e) < 0, "unknown user");
	is_str(e.msg, "unknown user 'nosuchuserzq'", "named");
	ok(parse_idlist("0,", ID_USER, &l, &e) < 0, "empty item");
	is_str(e.msg, "empty user", "named");
	ok(parse_idlist("x", ID_NUMBER, &l, &e) < 0, "a number list takes no name");
	ok(parse_idlist("nosuchgroupzq", ID_GROUP, &l, &e) < 0, "unknown group");
	is_str(e.msg, "unknown group 'nosuchgroupzq'", "named");
	idlist_free(&l);
	ok(l.n == 0 && l.id == NULL, "idlist_free empties the list");
	char big[400];
	size_t k = 0;
	for (int i = 0; i < 40; i++)
		k += (size_t)snprintf(big + k, sizeof big - k, "%s%d", i ? "," : "", 1000 + i);
	ok(parse_idlist(big, ID_NUMBER, &l, &e) == 0, "40 numbers in one word");
	ok(l.n == 40 && l.id[0] == 1000 && l.id[32] == 1032 && l.id[39] == 1039, "all 40 kept");
	ok(parse_idlist("7", ID_NUMBER, &l, &e) == 0 && l.n == 41 && l.id[40] == 7, "and one more");
	idlist_free(&l);
}

static void test_regex(void)
{
	struct perr e;

	ok(parse_regex("^ab+c$", &e) == 0, "an ERE");
	ok(parse_regex("a(", &e) < 0, "malformed");
	ok(strstr(e.msg, "invalid pattern 'a(': ") == e.msg, "the word and the library's reason: %s", e.msg);
	ok(parse_regex("", &e) < 0, "empty");
	/* what glibc would unroll into millions of copies, refused at once */
	ok(parse_regex("a++++++++++++++++++++++", &e) < 0, "stacked '+': 2^22 copies");
	ok(strstr(e.msg, "pattern 'a++++++++++++++++++++++' is too complex: ") == e.msg
	   && strstr(e.msg, "1000 branch points"), "the word and the limit: %s", e.msg);
	ok(parse_regex("((a{1,100}){1,100}){1,100}", &e) < 0, "nested intervals: 10^6 copies");
	ok(parse_regex("((((a{,100}){,100}){,100}){,100})", &e) < 0, "glibc's {,n} counts too");
	ok(parse_regex("(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((("
		       "((((((((((((((((((((((((((((((((((((((((((((a))))))))))))))))))))))))))))))))"
		       "))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))", &e) < 0,
	   "groups nested 112 deep");
	/* what real patterns look like stays allowed */
	ok(parse_regex("Z*+++++++++++", &e) < 0, "a star under stacked '+': 3 s in glibc");
	ok(parse_regex("(a{1,30}){1,30}", &e) == 0, "930 branch points: allowed");
	{
		/* letters cost nothing: no length limit; a branch point each does */
		size_t n = 100000;
		char *long_re = malloc(n + 1);
		memset(long_re, 'a', n);
		long_re[n] = '\0';
		ok(parse_regex(long_re, &e) == 0, "100000 letters: allowed");
		for (size_t i = 1; i < 2004; i += 2)
			long_re[i] = '*';
		long_re[2004] = '\0';
		ok(parse_regex(long_re, &e) < 0, "'a*' 1002 times: refused (glibc's closures grow with its square)");
		long_re[2000] = '\0';
		ok(parse_regex(long_re, &e) == 0, "'a*' 1000 times: allowed");
		free(long_re);
	}
	{
		/* a long word loses its middle, never the reason after it, and
		 * is cut between characters */
		size_t n = 3 * 1000;
		char *big = malloc(n + 2);
		const char *cut;
		for (size_t i = 0; i < n; i += 3)
			memcpy(big + i, "\xea\xb0\x80", 3);      /* U+AC00 */
		strcpy(big + n, "(");
		ok(parse_regex(big, &e) < 0 && strlen(e.msg) < sizeof e.msg, "a 3001-byte pattern: %zu bytes",
		   strlen(e.msg));
		cut = strstr(e.msg, "...");
		ok(strstr(e.msg, "invalid pattern '\xea\xb0\x80") == e.msg && cut
		   && strstr(e.msg, "\xea\xb0\x80(': ") && strstr(e.msg, "Unmatched ( or \\("),
		   "its start, then its end and the reason: %s", e.msg);
		ok(cut && (cut - e.msg - (int)strlen("invalid pattern '")) % 3 == 0
		   && ((unsigned char)cut[3] & 0xC0) != 0x80, "cut between characters");
		free(big);
	}
	ok(parse_regex("(a{1,100}){1,100}", &e) < 0, "10^4 copies: refused");
	/* a loop over optional parts that may match empty: 2^k ways round */
	ok(parse_regex("(a?\?){25}*", &e) < 0, "a loop over 25 \"(a?)?\": 5 s in glibc, 2^26 branch points");
	ok(parse_regex("(a?\?){8}*", &e) == 0, "over 8 of them: 2^9 - 1 branch points, allowed");
	ok(parse_regex("((^)?){25}*", &e) < 0, "an anchor matches empty too");
	ok(parse_regex("(((a?)?){25}|b)*", &e) < 0, "an alternative that may be empty");
	ok(parse_regex("((a?){1,2}){25}*", &e) < 0, "{1,2} of what may be empty: (a?)(a?)?");
	ok(parse_regex("Z?????????????????????????????????????????????????????????????"
		       "????????????????????????????????????????????????????????????+++a+", &e) < 0,
	   "fuzz-main's input that hung glibc for over 10 minutes");
	ok(parse_regex("a?*{,5}{9}", &e) < 0, "a star over what may be empty, copied: minutes in glibc");
	ok(parse_regex("^Z?+?*{3}{2,}", &e) < 0, "{2,} is a loop too: 1.4 s in glibc");
	ok(parse_regex("((a?)*){3}*", &e) == 0, "a few of them: allowed");
	ok(parse_regex("((^)?$){8}*", &e) < 0, "anchors on the empty ways round: 3 s");
	ok(parse_regex("^a$|^b$|^c$|^d$|^e$|^f$|^g$|^h$|^i$|^j$|^k$", &e) == 0, "anchors outside loops cost nothing");
	ok(parse_regex("(^|/)sleep$", &e) == 0, "an alternative of an anchor");
	ok(parse_regex("a{,10\\020}", &e) < 0, "glibc reads escaped digits in an interval: {,10020}, 3 s");
	ok(parse_regex("(||||||a?\?){8}*", &e) < 0, "empty alternatives are empty ways round too");
	ok(parse_regex("(-[a-z]+||=[0-9]+)*", &e) == 0, "one of them in a loop: allowed");
	ok(parse_regex("^)?+++{3,}", &e) < 0, "an unmatched ')' is a letter to glibc, and repeated: 5 s");
	ok(parse_regex(".*?", &e) == 0, "PCRE's lazy star (to glibc \"(.*)?\"): allowed");
	ok(parse_regex("^sleep( -[a-z]+)*( [0-9.]+[smhd]?)?$", &e) == 0, "a real pattern");
	ok(parse_regex("^(nginx|httpd|apache2)(: worker)?$", &e) == 0, "alternatives");
	ok(parse_regex("[[:alpha:]]+[]()+*{}]{2}x{3,}", &e) == 0, "brackets hold no repetition");
	ok(parse_regex("a\\+\\{1,20000\\}b", &e) == 0, "escaped operators are letters");
}

int main(void)
{
	test_idlist();
	test_regex();
	test_signal();
	test_sigset();
	test_pid();
	test_duration();
	test_duration_max();
	test_duration_exponent();
	test_duration_digits();
	test_hexmask();
	test_int();
	test_dur_sig();
	test_long_words();
	test_malformed();
	return done_testing();
}
