/* siginfo.h - what a received signal says about itself: decoding a
 * siginfo_t or a signalfd_siginfo, printed as text or as JSON. */
#ifndef SIGTOOL_SIGINFO_H
#define SIGTOOL_SIGINFO_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/signalfd.h>

/* One received signal. Which fields mean something depends on the code:
 * the sender's pid and uid for kill, sigqueue and tgkill (and CHLD), a value
 * for sigqueue, POSIX timers and message queues, a status for CHLD. */
struct sig_event {
	int signo;
	int code;               /* si_code */
	int pid;
	unsigned uid;
	int value;              /* sival_int */
	int status;             /* CHLD: exit status, or the signal for the other CLD_* */
	bool has_sender, has_value, has_status;
};

void sig_event_from_siginfo(struct sig_event *ev, const siginfo_t *si);
void sig_event_from_sfd(struct sig_event *ev, const struct signalfd_siginfo *si);

/* "SI_QUEUE", "CLD_EXITED", "SEGV_MAPERR"...; NULL for a code with no name
 * (printed as its number). */
const char *sig_code_name(int signo, int code);

/* Longest text line, newline and NUL included. */
#define SIG_EVENT_TEXT_MAX 128

/* "USR1 code=SI_QUEUE pid=4242 uid=1000 value=42" with no newline, into buf;
 * returns its length. Fields that do not apply are left out. */
size_t sig_event_text(const struct sig_event *ev, char buf[SIG_EVENT_TEXT_MAX]);

/* The JSON fields "signo", "name", "code", "pid", "uid", "value" and
 * "status" (null where they do not apply), with no braces, through out.c's
 * JSON writer (json_key: a comma first unless *first). "code" is always a
 * string: the name, or the number when the code has no name. */
void sig_event_json_fields(const struct sig_event *ev, bool *first);

#endif
