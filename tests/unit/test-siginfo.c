/* test-siginfo.c - decoding siginfo_t and signalfd_siginfo: code names,
 * which fields each code gives meaning to, the text line and the JSON. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/out.h"
#include "core/sig.h"
#include "core/siginfo.h"
#include "tap.h"
#include "capture.h"
#include "../siginfo-line.h"

struct sample {
	int signo, code, pid, value, status;
	unsigned uid;
	const char *text, *json;
};

/* Expected output written out by hand, from signal(7) and sigaction(2). */
static const struct sample samples[] = {
	{ SIGUSR1, SI_USER, 42, 0, 0, 1000,
	  "USR1 code=SI_USER pid=42 uid=1000",
	  "\"signo\":10,\"name\":\"USR1\",\"code\":\"SI_USER\",\"pid\":42,\"uid\":1000,\"value\":null,\"status\":null" },
	{ SIGUSR2, SI_QUEUE, 7, -5, 0, 0,
	  "USR2 code=SI_QUEUE pid=7 uid=0 value=-5",
	  "\"signo\":12,\"name\":\"USR2\",\"code\":\"SI_QUEUE\",\"pid\":7,\"uid\":0,\"value\":-5,\"status\":null" },
	{ SIGTERM, SI_TKILL, 9, 0, 0, 4294967294u,
	  "TERM code=SI_TKILL pid=9 uid=4294967294", NULL },
	{ SIGALRM, SI_TIMER, 0, 3, 0, 0,
	  "ALRM code=SI_TIMER value=3",
	  "\"signo\":14,\"name\":\"ALRM\",\"code\":\"SI_TIMER\",\"pid\":null,\"uid\":null,\"value\":3,\"status\":null" },
	{ SIGALRM, SI_KERNEL, 0, 0, 0, 0, "ALRM code=SI_KERNEL", NULL },
	{ SIGIO, SI_MESGQ, 3, INT_MIN, 0, 5,
	  "IO code=SI_MESGQ pid=3 uid=5 value=-2147483648", NULL },
	{ SIGIO, SI_SIGIO, 0, 0, 0, 0, "IO code=SI_SIGIO", NULL },
	{ SIGIO, SI_ASYNCIO, 0, 0, 0, 0, "IO code=SI_ASYNCIO", NULL },
	{ SIGIO, SI_ASYNCNL, 0, 0, 0, 0, "IO code=SI_ASYNCNL", NULL },
	{ SIGKILL, -7, 0, 0, 0, 0, "KILL code=SI_DETHREAD", NULL },
	{ SIGCHLD, CLD_EXITED, 100, 0, 3, 1000,
	  "CHLD code=CLD_EXITED pid=100 uid=1000 status=3",
	  "\"signo\":17,\"name\":\"CHLD\",\"code\":\"CLD_EXITED\",\"pid\":100,\"uid\":1000,\"value\":null,\"status\":3" },
	{ SIGCHLD, CLD_KILLED, 100, 0, 9, 0, "CHLD code=CLD_KILLED pid=100 uid=0 status=9", NULL },
	{ SIGCHLD, CLD_DUMPED, 100, 0, 11, 0, "CHLD code=CLD_DUMPED pid=100 uid=0 status=11", NULL },
	{ SIGCHLD, CLD_TRAPPED, 100, 0, 5, 0, "CHLD code=CLD_TRAPPED pid=100 uid=0 status=5", NULL },
	{ SIGCHLD, CLD_STOPPED, 100, 0, 19, 0, "CHLD code=CLD_STOPPED pid=100 uid=0 status=19", NULL },
	{ SIGCHLD, CLD_CONTINUED, 100, 0, 18, 0, "CHLD code=CLD_CONTINUED pid=100 uid=0 status=18", NULL },
	/* kill -CHLD: a user's CHLD carries no status */
	{ SIGCHLD, SI_USER, 5, 0, 0, 0, "CHLD code=SI_USER pid=5 uid=0", NULL },
	{ SIGSEGV, SEGV_MAPERR, 0, 0, 0, 0, "SEGV code=SEGV_MAPERR", NULL },
	{ SIGSEGV, SEGV_ACCERR, 0, 0, 0, 0, "SEGV code=SEGV_ACCERR", NULL },
	{ SIGBUS, BUS_ADRALN, 0, 0, 0, 0, "BUS code=BUS_ADRALN", NULL },
	{ SIGBUS, 5, 0, 0, 0, 0, "BUS code=BUS_MCEERR_AO", NULL },
	{ SIGILL, ILL_ILLOPC, 0, 0, 0, 0, "ILL code=ILL_ILLOPC", NULL },
	{ SIGILL, 9, 0, 0, 0, 0, "ILL code=ILL_BADIADDR", NULL },
	{ SIGFPE, FPE_INTDIV, 0, 0, 0, 0, "FPE code=FPE_INTDIV", NULL },
	{ SIGFPE, 9, 0, 0, 0, 0, "FPE code=9", NULL },          /* a gap */
	{ SIGFPE, 14, 0, 0, 0, 0, "FPE code=FPE_FLTUNK", NULL },
	{ SIGTRAP, TRAP_BRKPT, 0, 0, 0, 0, "TRAP code=TRAP_BRKPT", NULL },
	{ SIGIO, POLL_IN, 0, 0, 0, 0, "IO code=POLL_IN", NULL },
	{ SIGIO, POLL_HUP, 0, 0, 0, 0, "IO code=POLL_HUP", NULL },
	{ SIGSYS, 1, 0, 0, 0, 0, "SYS code=SYS_SECCOMP", NULL },
	/* a positive code on a signal that has none, and past a table's end */
	{ SIGUSR1, 3, 0, 0, 0, 0, "USR1 code=3",
	  "\"signo\":10,\"name\":\"USR1\",\"code\":\"3\",\"pid\":null,\"uid\":null,\"value\":null,\"status\":null" },
	{ SIGSEGV, 99, 0, 0, 0, 0, "SEGV code=99", NULL },
	{ SIGCHLD, 7, 0, 0, 0, 0, "CHLD code=7", NULL },
	/* rt_sigqueueinfo with a code of the sender's own */
	{ SIGUSR1, -42, 1, 2, 0, 3, "USR1 code=-42 pid=1 uid=3 value=2", NULL },
};

/* The JSON fields of ev as out.c writes them to fd 1. */
static const char *json_of(const struct sig_event *ev)
{
	bool first = true;

	cap_begin();
	sig_event_json_fields(ev, &first);
	return cap_end();
}

static void fill_siginfo(siginfo_t *si, const struct sample *s)
{
	memset(si, 0, sizeof *si);
	si->si_signo = s->signo;
	si->si_code = s->code;
	if (s->signo == SIGCHLD && s->code > 0) {
		si->si_pid = s->pid;
		si->si_uid = s->uid;
		si->si_status = s->status;
	} else if (s->code == SI_TIMER) {
		si->si_value.sival_int = s->value;
	} else if (s->code <= 0) {
		si->si_pid = s->pid;
		si->si_uid = s->uid;
		si->si_value.sival_int = s->value;
	}
}

static void fill_sfd(struct signalfd_siginfo *si, const struct sample *s)
{
	memset(si, 0, sizeof *si);
	si->ssi_signo = s->signo;
	si->ssi_code = s->code;
	si->ssi_pid = s->pid;
	si->ssi_uid = s->uid;
	si->ssi_int = s->value;
	si->ssi_status = s->status;
}

static void test_samples(void)
{
	for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
		const struct sample *s = &samples[i];
		char text[SIG_EVENT_TEXT_MAX];
		struct signalfd_siginfo sfd;
		struct sig_event ev;
		siginfo_t si;
		size_t n;

		fill_siginfo(&si, s);
		sig_event_from_siginfo(&ev, &si);
		n = sig_event_text(&ev, text);
		is_str(text, s->text, "siginfo_t: %s", s->text);
		is_int(n, strlen(s->text), "  and its length");
		if (s->json)
			is_str(json_of(&ev), s->json, "  JSON fields");
		fill_sfd(&sfd, s);
		sig_event_from_sfd(&ev, &sfd);
		sig_event_text(&ev, text);
		is_str(text, s->text, "  the same from a signalfd_siginfo");
	}
}

/* Fields that do not apply are not printed, even when the kernel left
 * something in them. */
static void test_stale_fields(void)
{
	struct signalfd_siginfo sfd = { .ssi_signo = SIGALRM, .ssi_code = SI_KERNEL,
					.ssi_pid = 77, .ssi_uid = 88, .ssi_int = 99, .ssi_status = 1 };
	char text[SIG_EVENT_TEXT_MAX];
	struct sig_event ev;

	sig_event_from_sfd(&ev, &sfd);
	sig_event_text(&ev, text);
	is_str(text, "ALRM code=SI_KERNEL", "SI_KERNEL: nothing but the code");
	ok(!ev.has_sender && !ev.has_value && !ev.has_status, "  and no field applies");
}

static void test_rt_and_widest(void)
{
	char text[SIG_EVENT_TEXT_MAX], want[256], nb[SIG_NAME_MAX];
	struct sig_event ev = {
		.signo = sig_rtmin() + 1, .code = SI_QUEUE, .pid = INT_MAX,
		.uid = UINT_MAX, .value = INT_MIN, .has_sender = true, .has_value = true,
	};

	sig_event_text(&ev, text);
	snprintf(want, sizeof want, "RTMIN+1 code=SI_QUEUE pid=%d uid=%u value=%d",
		 INT_MAX, UINT_MAX, INT_MIN);
	is_str(text, want, "a real-time signal by its name, widest numbers");

	/* every field at its widest fits the documented maxima */
	ev = (struct sig_event){ .signo = sig_rtmax() - 15, .code = INT_MIN, .pid = INT_MIN,
				 .uid = UINT_MAX, .value = INT_MIN, .status = INT_MIN,
				 .has_sender = true, .has_value = true, .has_status = true };
	ok(sig_event_text(&ev, text) < SIG_EVENT_TEXT_MAX, "the widest text fits");
	snprintf(want, sizeof want, "\"signo\":%d,\"name\":\"%s\",\"code\":\"%d\","
		 "\"pid\":%d,\"uid\":%u,\"value\":%d,\"status\":%d",
		 sig_rtmax() - 15, sig_name(sig_rtmax() - 15, nb), INT_MIN, INT_MIN, UINT_MAX, INT_MIN, INT_MIN);
	is_str(json_of(&ev), want, "the widest JSON: signed numbers, a code with no name");
	ev.signo = SIGSYS;
	ev.code = 2;
	ok(sig_event_text(&ev, text) < SIG_EVENT_TEXT_MAX, "with the longest code name");
	is_str(sig_code_name(SIGSYS, 2), "SYS_USER_DISPATCH", "  SYS_USER_DISPATCH");
}

static void test_code_names(void)
{
	is_str(sig_code_name(SIGUSR1, SI_USER), "SI_USER", "SI_USER for any signal");
	is_str(sig_code_name(SIGCHLD, SI_QUEUE), "SI_QUEUE", "SI_QUEUE even for CHLD");
	is_str(sig_code_name(SIGHUP, SI_KERNEL), "SI_KERNEL", "SI_KERNEL");
	ok(sig_code_name(SIGHUP, 1) == NULL, "HUP has no codes of its own");
	ok(sig_code_name(SIGUSR1, -8) == NULL, "-8 has no name");
	ok(sig_code_name(sig_rtmin(), 1) == NULL, "nor has a positive code on RTMIN");
	ok(sig_code_name(SIGFPE, 0x7f) == NULL, "nor 0x7f on FPE");
}

/* Every field is the sender's choice (rt_sigqueueinfo picks the code, and
 * with it which fields are read): any value makes a well-formed line. */
static void test_hostile_codes(void)
{
	static const struct { int signo, code; const char *text, *code_json; } c[] = {
		{ SIGUSR1, INT_MIN, "USR1 code=-2147483648 pid=-2147483648 uid=4294967295 value=-2147483648", "\"-2147483648\"" },
		{ SIGUSR1, INT_MIN + 1, "USR1 code=-2147483647 pid=-2147483648 uid=4294967295 value=-2147483648", "\"-2147483647\"" },
		{ SIGUSR1, INT_MAX, "USR1 code=2147483647", "\"2147483647\"" },
		{ SIGCHLD, INT_MAX, "CHLD code=2147483647", "\"2147483647\"" },
		{ SIGSEGV, INT_MIN, "SEGV code=-2147483648 pid=-2147483648 uid=4294967295 value=-2147483648", "\"-2147483648\"" },
		{ SIGUSR2, -1, "USR2 code=SI_QUEUE pid=-2147483648 uid=4294967295 value=-2147483648", "\"SI_QUEUE\"" },
		{ SIGUSR2, -8, "USR2 code=-8 pid=-2147483648 uid=4294967295 value=-2147483648", "\"-8\"" },
		{ SIGUSR2, -61, "USR2 code=-61 pid=-2147483648 uid=4294967295 value=-2147483648", "\"-61\"" },
		{ SIGCHLD, CLD_EXITED, "CHLD code=CLD_EXITED pid=-2147483648 uid=4294967295 status=-2147483648", "\"CLD_EXITED\"" },
		/* a signal number no signal has: printed as the number */
		{ 0, INT_MIN, "0 code=-2147483648 pid=-2147483648 uid=4294967295 value=-2147483648", "\"-2147483648\"" },
		{ -1, 1, "-1 code=1", "\"1\"" },
		{ INT_MIN, 0x80, "-2147483648 code=SI_KERNEL", "\"SI_KERNEL\"" },
		{ INT_MAX, 2, "2147483647 code=2", "\"2\"" },
	};

	for (size_t i = 0; i < sizeof c / sizeof *c; i++) {
		struct signalfd_siginfo sfd = {
			.ssi_signo = (uint32_t)c[i].signo, .ssi_code = c[i].code,
			.ssi_pid = (uint32_t)INT_MIN, .ssi_uid = UINT_MAX,
			.ssi_int = INT_MIN, .ssi_status = INT_MIN,
		};
		char text[SIG_EVENT_TEXT_MAX];
		struct sig_event ev;
		const char *json;

		sig_event_from_sfd(&ev, &sfd);
		ok(sig_event_text(&ev, text) < SIG_EVENT_TEXT_MAX, "code %d on signal %d: fits", c[i].code, c[i].signo);
		is_str(text, c[i].text, "  the line");
		json = json_of(&ev);
		ok(strstr(json, "\"code\":") && !strncmp(strstr(json, "\"code\":") + 7, c[i].code_json,
								strlen(c[i].code_json)),
		   "  JSON code %s", c[i].code_json);
	}
}

static void test_random_codes(void)
{
	unsigned seed = 16, bad = 0;

	for (int i = 0; i < 20000; i++) {
		struct signalfd_siginfo sfd;
		char text[SIG_EVENT_TEXT_MAX];
		struct sig_event ev;

		for (size_t k = 0; k < sizeof sfd; k++)
			((unsigned char *)&sfd)[k] = (unsigned char)rand_r(&seed);
		if (i % 2)
			sfd.ssi_signo = 1 + (uint32_t)rand_r(&seed) % 64;
		sig_event_from_sfd(&ev, &sfd);
		if (sig_event_text(&ev, text) >= SIG_EVENT_TEXT_MAX || !siginfo_line_well_formed(text)) {
			if (!bad++)
				diag("not well formed: %s", text);
		}
	}
	is_int(bad, 0, "20000 random siginfo: every line well formed");
}

int main(void)
{
	test_samples();
	test_hostile_codes();
	test_random_codes();
	test_stale_fields();
	test_rt_and_widest();
	test_code_names();
	return done_testing();
}
