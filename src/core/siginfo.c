/* siginfo.c - what a received signal says about itself: decoding a
 * siginfo_t or a signalfd_siginfo, printed as text or as JSON. */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "out.h"
#include "sig.h"
#include "siginfo.h"
#include "util.h"

/* The generic codes, as <asm-generic/siginfo.h> numbers them; spelled out
 * here because older headers lack some of them. */
enum {
	C_USER = 0, C_QUEUE = -1, C_TIMER = -2, C_MESGQ = -3, C_ASYNCIO = -4,
	C_SIGIO = -5, C_TKILL = -6, C_DETHREAD = -7, C_ASYNCNL = -60,
	C_KERNEL = 0x80,
	C_CLD_EXITED = 1, C_CLD_CONTINUED = 6,
};

static const char *const generic_codes[] = {   /* index: -code */
	"SI_USER", "SI_QUEUE", "SI_TIMER", "SI_MESGQ", "SI_ASYNCIO", "SI_SIGIO",
	"SI_TKILL", "SI_DETHREAD",
};

/* Per-signal codes (si_code > 0), index code - 1. */
static const char *const ill_codes[] = {
	"ILL_ILLOPC", "ILL_ILLOPN", "ILL_ILLADR", "ILL_ILLTRP", "ILL_PRVOPC",
	"ILL_PRVREG", "ILL_COPROC", "ILL_BADSTK", "ILL_BADIADDR",
};
static const char *const fpe_codes[] = {
	"FPE_INTDIV", "FPE_INTOVF", "FPE_FLTDIV", "FPE_FLTOVF", "FPE_FLTUND",
	"FPE_FLTRES", "FPE_FLTINV", "FPE_FLTSUB", NULL, NULL, NULL, NULL, NULL,
	"FPE_FLTUNK", "FPE_CONDTRAP",
};
static const char *const segv_codes[] = {
	"SEGV_MAPERR", "SEGV_ACCERR", "SEGV_BNDERR", "SEGV_PKUERR", "SEGV_ACCADI",
	"SEGV_ADIDERR", "SEGV_ADIPERR", "SEGV_MTEAERR", "SEGV_MTESERR", "SEGV_CPERR",
};
static const char *const bus_codes[] = {
	"BUS_ADRALN", "BUS_ADRERR", "BUS_OBJERR", "BUS_MCEERR_AR", "BUS_MCEERR_AO",
};
static const char *const trap_codes[] = {
	"TRAP_BRKPT", "TRAP_TRACE", "TRAP_BRANCH", "TRAP_HWBKPT", "TRAP_UNK", "TRAP_PERF",
};
static const char *const chld_codes[] = {
	"CLD_EXITED", "CLD_KILLED", "CLD_DUMPED", "CLD_TRAPPED", "CLD_STOPPED",
	"CLD_CONTINUED",
};
static const char *const poll_codes[] = {
	"POLL_IN", "POLL_OUT", "POLL_MSG", "POLL_ERR", "POLL_PRI", "POLL_HUP",
};
static const char *const sys_codes[] = { "SYS_SECCOMP", "SYS_USER_DISPATCH" };

#define CODES(a) { a, ARRAY_SIZE(a) }

const char *sig_code_name(int signo, int code)
{
	static const struct { const char *const *names; size_t n; } per_sig[] = {
		[SIGILL] = CODES(ill_codes), [SIGFPE] = CODES(fpe_codes),
		[SIGSEGV] = CODES(segv_codes), [SIGBUS] = CODES(bus_codes),
		[SIGTRAP] = CODES(trap_codes), [SIGCHLD] = CODES(chld_codes),
		[SIGPOLL] = CODES(poll_codes), [SIGSYS] = CODES(sys_codes),
	};

	/* the code is the sender's choice (rt_sigqueueinfo): compare, never
	 * negate, so that INT_MIN is just another code with no name */
	if (code <= 0 && code > -(int)ARRAY_SIZE(generic_codes))
		return generic_codes[-code];
	if (code == C_ASYNCNL)
		return "SI_ASYNCNL";
	if (code == C_KERNEL)
		return "SI_KERNEL";
	if (code > 0 && signo > 0 && signo < (int)ARRAY_SIZE(per_sig)
	    && (size_t)code <= per_sig[signo].n)
		return per_sig[signo].names[code - 1];
	return NULL;
}

/* Which fields the code gives meaning to; the kernel leaves the others
 * zero or stale. */
static void classify(struct sig_event *ev)
{
	int c = ev->code;

	ev->has_sender = ev->has_value = ev->has_status = false;
	switch (c) {
	case C_USER: case C_TKILL:
		ev->has_sender = true;
		break;
	case C_QUEUE: case C_MESGQ:
		ev->has_sender = ev->has_value = true;
		break;
	case C_TIMER:
		ev->has_value = true;
		break;
	case C_ASYNCIO: case C_SIGIO: case C_DETHREAD: case C_ASYNCNL: case C_KERNEL:
		break;
	default:
		/* another negative code: rt_sigqueueinfo() with a code of the
		 * sender's choosing, which fills the fields as sigqueue() does */
		if (c < 0)
			ev->has_sender = ev->has_value = true;
		else if (ev->signo == SIGCHLD && c >= C_CLD_EXITED && c <= C_CLD_CONTINUED)
			ev->has_sender = ev->has_status = true;
		break;
	}
}

void sig_event_from_siginfo(struct sig_event *ev, const siginfo_t *si)
{
	ev->signo = si->si_signo;
	ev->code = si->si_code;
	ev->pid = si->si_pid;
	ev->uid = si->si_uid;
	ev->value = si->si_value.sival_int;
	ev->status = si->si_status;
	classify(ev);
}

void sig_event_from_sfd(struct sig_event *ev, const struct signalfd_siginfo *si)
{
	ev->signo = si->ssi_signo;
	ev->code = si->ssi_code;
	ev->pid = si->ssi_pid;
	ev->uid = si->ssi_uid;
	ev->value = si->ssi_int;
	ev->status = si->ssi_status;
	classify(ev);
}

/* ---- formatting: by hand, since this runs once per signal received ---- */

static char *put(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static char *put_uint(char *p, unsigned long long v)
{
	char tmp[24];

	return put(p, fmt_uint(tmp, v));
}

static char *put_int(char *p, long long v)
{
	if (v < 0) {
		*p++ = '-';
		return put_uint(p, 0ULL - (unsigned long long)v);
	}
	return put_uint(p, v);
}

static char *put_name(char *p, int signo)
{
	char nb[SIG_NAME_MAX];
	const char *name = sig_name(signo, nb);

	return name ? put(p, name) : put_int(p, signo);
}

static char *put_code(char *p, const struct sig_event *ev)
{
	const char *name = sig_code_name(ev->signo, ev->code);

	return name ? put(p, name) : put_int(p, ev->code);
}

size_t sig_event_text(const struct sig_event *ev, char buf[SIG_EVENT_TEXT_MAX])
{
	char *p = put_name(buf, ev->signo);

	p = put_code(put(p, " code="), ev);
	if (ev->has_sender) {
		p = put_int(put(p, " pid="), ev->pid);
		p = put_uint(put(p, " uid="), ev->uid);
	}
	if (ev->has_value)
		p = put_int(put(p, " value="), ev->value);
	if (ev->has_status)
		p = put_int(put(p, " status="), ev->status);
	*p = '\0';
	return p - buf;
}

static const char *int_text(char buf[24], long long v)
{
	*put_int(buf, v) = '\0';
	return buf;
}

/* A signed number, or null where the code gives the field no meaning. */
static void json_int_or_null(bool *first, const char *key, bool has, long long v)
{
	json_key(first, key);
	if (has)
		out_int(v);
	else
		out_puts("null");
}

void sig_event_json_fields(const struct sig_event *ev, bool *first)
{
	char nb[SIG_NAME_MAX], cb[24];
	const char *name = sig_name(ev->signo, nb);
	const char *code = sig_code_name(ev->signo, ev->code);

	json_int_or_null(first, "signo", true, ev->signo);
	json_key(first, "name");
	json_str(name ? name : int_text(cb, ev->signo));
	json_key(first, "code");
	json_str(code ? code : int_text(cb, ev->code));
	json_int_or_null(first, "pid", ev->has_sender, ev->pid);
	json_int_or_null(first, "uid", ev->has_sender, ev->uid);
	json_int_or_null(first, "value", ev->has_value, ev->value);
	json_int_or_null(first, "status", ev->has_status, ev->status);
}
