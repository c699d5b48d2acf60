/* sig.c - the signal table: names, numbers, descriptions, default actions. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "i18n.h"
#include "sig.h"
#include "util.h"

struct sig_entry {
	const char *name;
	const char *alias[2];
	unsigned char action;
};

/* Linux numbering on the architectures glibc and sigtool target (x86, arm,
 * riscv, ...): the index is the signal number. */
static const struct sig_entry std_sigs[32] = {
	[SIGHUP]    = { "HUP",    { NULL }, SIGACT_TERM },
	[SIGINT]    = { "INT",    { NULL }, SIGACT_TERM },
	[SIGQUIT]   = { "QUIT",   { NULL }, SIGACT_CORE },
	[SIGILL]    = { "ILL",    { NULL }, SIGACT_CORE },
	[SIGTRAP]   = { "TRAP",   { NULL }, SIGACT_CORE },
	[SIGABRT]   = { "ABRT",   { "IOT", NULL }, SIGACT_CORE },
	[SIGBUS]    = { "BUS",    { NULL }, SIGACT_CORE },
	[SIGFPE]    = { "FPE",    { NULL }, SIGACT_CORE },
	[SIGKILL]   = { "KILL",   { NULL }, SIGACT_TERM },
	[SIGUSR1]   = { "USR1",   { NULL }, SIGACT_TERM },
	[SIGSEGV]   = { "SEGV",   { NULL }, SIGACT_CORE },
	[SIGUSR2]   = { "USR2",   { NULL }, SIGACT_TERM },
	[SIGPIPE]   = { "PIPE",   { NULL }, SIGACT_TERM },
	[SIGALRM]   = { "ALRM",   { NULL }, SIGACT_TERM },
	[SIGTERM]   = { "TERM",   { NULL }, SIGACT_TERM },
	[SIGSTKFLT] = { "STKFLT", { NULL }, SIGACT_TERM },
	[SIGCHLD]   = { "CHLD",   { "CLD", NULL }, SIGACT_IGN },
	[SIGCONT]   = { "CONT",   { NULL }, SIGACT_CONT },
	[SIGSTOP]   = { "STOP",   { NULL }, SIGACT_STOP },
	[SIGTSTP]   = { "TSTP",   { NULL }, SIGACT_STOP },
	[SIGTTIN]   = { "TTIN",   { NULL }, SIGACT_STOP },
	[SIGTTOU]   = { "TTOU",   { NULL }, SIGACT_STOP },
	[SIGURG]    = { "URG",    { NULL }, SIGACT_IGN },
	[SIGXCPU]   = { "XCPU",   { NULL }, SIGACT_CORE },
	[SIGXFSZ]   = { "XFSZ",   { NULL }, SIGACT_CORE },
	[SIGVTALRM] = { "VTALRM", { NULL }, SIGACT_TERM },
	[SIGPROF]   = { "PROF",   { NULL }, SIGACT_TERM },
	[SIGWINCH]  = { "WINCH",  { NULL }, SIGACT_IGN },
	[SIGIO]     = { "IO",     { "POLL", NULL }, SIGACT_TERM },
	[SIGPWR]    = { "PWR",    { NULL }, SIGACT_TERM },
	[SIGSYS]    = { "SYS",    { NULL }, SIGACT_CORE },
};

static const char *const no_aliases[] = { NULL };

/* SIGRTMIN and SIGRTMAX are function calls into glibc; ask once. */
static int rt_lo, rt_hi;

static void rt_init(void)
{
	if (!rt_lo) {
		rt_hi = SIGRTMAX;
		rt_lo = SIGRTMIN;
	}
}

int sig_rtmin(void) { rt_init(); return rt_lo; }
int sig_rtmax(void) { rt_init(); return rt_hi; }

bool sig_valid(int signo)
{
	rt_init();
	return (signo >= 1 && signo < 32) || (signo >= rt_lo && signo <= rt_hi);
}

int sig_first(void) { return 1; }

int sig_next(int signo)
{
	rt_init();
	if (signo == 31)
		return rt_lo;
	return signo + 1 <= rt_hi ? signo + 1 : 0;
}

sigmask64 sig_valid_mask(void)
{
	sigmask64 m = 0;

	for (int s = sig_first(); s; s = sig_next(s))
		m |= SIGBIT(s);
	return m;
}

sigmask64 sig_blockable_mask(void)
{
	return sig_valid_mask() & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
}

void sig_mask_to_sigset(sigmask64 m, sigset_t *set)
{
	sigemptyset(set);
	for (int s = sig_first(); s; s = sig_next(s))
		if (m & SIGBIT(s))
			sigaddset(set, s);
}

sigmask64 sig_sigset_to_mask(const sigset_t *set)
{
	sigmask64 m = 0;

	for (int s = sig_first(); s; s = sig_next(s))
		if (sigismember(set, s) == 1)
			m |= SIGBIT(s);
	return m;
}

/* prefix followed by n in decimal; snprintf costs more than the whole look-up */
static const char *prefix_num(char *buf, const char *prefix, int n)
{
	char digits[24], *d = fmt_uint(digits, n);
	size_t lp = strlen(prefix);

	memcpy(buf, prefix, lp);
	memcpy(buf + lp, d, digits + sizeof digits - d);
	return buf;
}

const char *sig_name(int signo, char buf[SIG_NAME_MAX])
{
	int lo = sig_rtmin(), hi = sig_rtmax();

	if (signo >= 1 && signo < 32)
		return std_sigs[signo].name;
	if (signo < lo || signo > hi)
		return NULL;
	/* Lower half counts up from RTMIN, upper half down from RTMAX, as bash
	 * and coreutils print them. */
	if (signo == lo)
		return "RTMIN";
	if (signo == hi)
		return "RTMAX";
	if (signo - lo <= (hi - lo) / 2)
		return prefix_num(buf, "RTMIN+", signo - lo);
	return prefix_num(buf, "RTMAX-", hi - signo);
}

size_t sig_name_len(int signo)
{
	int lo = sig_rtmin(), hi = sig_rtmax(), off;

	if (signo >= 1 && signo < 32)
		return strlen(std_sigs[signo].name);
	if (signo <= lo || signo >= hi)
		return signo == lo || signo == hi ? 5 : 0;
	off = signo - lo <= (hi - lo) / 2 ? signo - lo : hi - signo;
	return off >= 10 ? 8 : 7;       /* "RTMIN+n" or "RTMAX-nn" */
}

const char *sig_describe(int signo, char buf[SIG_DESCR_MAX])
{
	if (!messages_translated())     /* loads the locale if still needed */
		return sig_describe_c(signo, buf);
	/* strsignal() may hand back a static buffer; keep our own copy. */
	snprintf(buf, SIG_DESCR_MAX, "%s", strsignal(signo));
	return buf;
}

const char *sig_describe_c(int signo, char buf[SIG_DESCR_MAX])
{
	const char *d = sigdescr_np(signo);

	if (d)
		return d;
	return prefix_num(buf, "Real-time signal ", signo - sig_rtmin());
}

const char *const *sig_aliases(int signo)
{
	if (signo >= 1 && signo < 32 && std_sigs[signo].alias[0])
		return std_sigs[signo].alias;
	return no_aliases;
}

enum sig_action sig_default_action(int signo)
{
	if (signo >= 1 && signo < 32)
		return std_sigs[signo].action;
	return SIGACT_TERM;
}

enum sig_disp sig_disposition(int signo)
{
	struct sigaction sa;

	if (sigaction(signo, NULL, &sa) < 0 || sa.sa_handler == SIG_DFL)
		return DISP_DEFAULT;
	return sa.sa_handler == SIG_IGN ? DISP_IGNORED : DISP_CAUGHT;
}

enum sig_reset_err sig_reset(int signo, bool unblock)
{
	struct sigaction sa;
	sigset_t one;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	if (sig_catchable(signo) && sigaction(signo, &sa, NULL) < 0)
		return SIGRESET_ACTION;
	sigemptyset(&one);
	sigaddset(&one, signo);
	if (unblock && sigprocmask(SIG_UNBLOCK, &one, NULL) < 0)
		return SIGRESET_UNBLOCK;
	return SIGRESET_OK;
}

const char *sig_disp_name(enum sig_disp d)
{
	static const char *const names[] = { "default", "ignored", "caught" };
	return names[d];
}

const char *sig_action_name(enum sig_action a)
{
	static const char *const names[] = { "Term", "Core", "Ign", "Stop", "Cont" };
	return names[a];
}

const char *sig_action_text(enum sig_action a)
{
	static const char *const text[] = {
		N_("terminate the process"),
		N_("terminate the process and dump core"),
		N_("ignore the signal"),
		N_("stop the process"),
		N_("continue the process if it is stopped"),
	};
	return _(text[a]);
}

bool sig_catchable(int signo)
{
	return signo != SIGKILL && signo != SIGSTOP;
}

const char *sig_note_c(int signo)
{
	switch (signo) {
	case SIGKILL:
		return N_("cannot be caught, blocked or ignored; always ends the process (except a PID-namespace init, from inside its namespace)");
	case SIGSTOP:
		return N_("cannot be caught, blocked or ignored; resumed only by CONT");
	case SIGCONT:
		return N_("always resumes a stopped process, even when caught or ignored");
	case SIGCHLD:
		return N_("default is to ignore; setting it to SIG_IGN explicitly also makes children reap themselves");
	case SIGPIPE:
		return N_("sent on a write to a pipe or socket with no reader; ignored, the write fails with EPIPE instead");
	case SIGABRT:
		return N_("abort() unblocks it and restores the default if a handler returns");
	case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return N_("discarded for a process in an orphaned process group");
	case SIGSEGV: case SIGBUS: case SIGILL: case SIGFPE:
		return N_("when raised by a fault while blocked or ignored, the kernel kills the process anyway");
	}
	if (signo >= sig_rtmin() && signo <= sig_rtmax())
		return N_("real-time: queued, never merged, delivered lowest number first");
	return NULL;
}

const char *sig_note(int signo)
{
	const char *n = sig_note_c(signo);

	return n ? _(n) : NULL;
}

int sig_from_status(long long status)
{
	if (status <= 128 || status - 128 > sig_rtmax())
		return 0;
	return sig_valid((int)(status - 128)) ? (int)(status - 128) : 0;
}

int sig_by_name(const char *name)
{
	for (int s = 1; s < 32; s++) {
		if (!c_strcasecmp(name, std_sigs[s].name))
			return s;
		for (const char *const *a = std_sigs[s].alias; *a; a++)
			if (!c_strcasecmp(name, *a))
				return s;
	}
	return 0;
}

/* Optimal string alignment distance (edits with adjacent transpositions),
 * case-insensitive; words longer than 15 are too far from any name anyway. */
static int name_distance(const char *a, const char *b)
{
	int la = strlen(a), lb = strlen(b);
	int d[17][17];

	if (la > 15 || lb > 15)
		return 99;
	for (int i = 0; i <= la; i++)
		d[i][0] = i;
	for (int j = 0; j <= lb; j++)
		d[0][j] = j;
	for (int i = 1; i <= la; i++)
		for (int j = 1; j <= lb; j++) {
			int cost = c_toupper(a[i - 1]) != c_toupper(b[j - 1]);
			int v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && c_toupper(a[i - 1]) == c_toupper(b[j - 2])
			    && c_toupper(a[i - 2]) == c_toupper(b[j - 1])
			    && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	return d[la][lb];
}

const char *sig_nearest_name(const char *word)
{
	static const char *const extra[] = { "RTMIN", "RTMAX" };
	const char *best = NULL;
	int len = strlen(word), bestd = 99, limit = len <= 3 ? 1 : 2;

	if (len > 15 + limit)
		return NULL;
	for (int s = 1; s < 32; s++) {
		int d = abs(len - (int)strlen(std_sigs[s].name)) > limit ? 99
			: name_distance(word, std_sigs[s].name);
		if (d < bestd)
			bestd = d, best = std_sigs[s].name;
	}
	for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) {
		int d = abs(len - (int)strlen(extra[i])) > limit ? 99 : name_distance(word, extra[i]);
		if (d < bestd)
			bestd = d, best = extra[i];
	}
	return bestd <= limit ? best : NULL;
}

void sig_die(int sig)
{
	struct rlimit no_core = { 0, 0 };

	if (prctl(PR_SET_DUMPABLE, 0) < 0 && setrlimit(RLIMIT_CORE, &no_core) < 0)
		return;
	if (sig_reset(sig, true) != SIGRESET_OK)
		return;
	raise(sig);
}
