/* msg.c - diagnostics on stderr ("sigtool: VERB: message") and exit statuses.
 * The lowest layer but i18n and text.c: it calls nothing of util.c or out.c.
 * Every message is cleaned whole (text_clean): a name, a path or a word
 * from another process or a file reaches the terminal with its control
 * characters and invalid UTF-8 as \xHH, whoever worded the message. */
#include "config.h"

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "text.h"

const char *msg_verb;
int msg_usage_status = EXIT_USAGE;
static void (*fatal_hook)(void);

void msg_on_fatal(void (*fn)(void))
{
	fatal_hook = fn;
}

/* A whole message in one write(2), with SIGPIPE blocked around it: a
 * closed or broken stderr drops the message and never ends sigtool (it may
 * be supervising a COMMAND). The SIGPIPE that EPIPE raised is taken back,
 * unless one was already pending before, so that nothing of it reaches a
 * COMMAND run later (pending signals survive execve). */
static void put_stderr(const char *p, size_t n)
{
	static const struct timespec zero;
	sigset_t pipe, old, before;
	bool had;
	ssize_t w;
	int err = errno;

	sigemptyset(&pipe);
	sigaddset(&pipe, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe, &old);
	sigpending(&before);
	had = sigismember(&before, SIGPIPE);
	while (n && ((w = write(STDERR_FILENO, p, n)) > 0 || (w < 0 && errno == EINTR)))
		if (w > 0)
			p += w, n -= (size_t)w;
	if (n && errno == EPIPE && !had)
		sigtimedwait(&pipe, NULL, &zero);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
}

/* "sigtool: VERB: " and the message, truncated to what fits, made safe
 * for a terminal. */
static void vmsg(const char *fmt, va_list ap, int errnum)
{
	char buf[4096], safe[TEXT_CLEAN_SIZE(sizeof buf)];
	size_t n;

	i18n_init();    /* strerror() speaks the user's language */
	fflush(stderr);
	n = (size_t)snprintf(buf, sizeof buf - 1, "%s: ", program_invocation_short_name);
	if (msg_verb && n < sizeof buf - 1)
		n += (size_t)snprintf(buf + n, sizeof buf - 1 - n, "%s: ", msg_verb);
	if (n < sizeof buf - 1)
		n += (size_t)vsnprintf(buf + n, sizeof buf - 1 - n, fmt, ap);
	if (errnum && n < sizeof buf - 1)
		n += (size_t)snprintf(buf + n, sizeof buf - 1 - n, ": %s", strerror(errnum));
	if (n > sizeof buf - 1)
		n = sizeof buf - 1;
	n = strlen(text_clean(safe, sizeof safe - 1, buf, n));
	safe[n++] = '\n';
	put_stderr(safe, n);
}

void warnx_(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, 0);
	va_end(ap);
}

void warn_(const char *fmt, ...)
{
	int errnum = errno;
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap, errnum);
	va_end(ap);
}

/* The message of an error that ends sigtool, with nothing left buffered. */
static void vfatal(const char *fmt, va_list ap)
{
	if (fatal_hook)
		fatal_hook();
	vmsg(fmt, ap, 0);
}

void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfatal(fmt, ap);
	va_end(ap);
	exit(status);
}

/* The "Try ... --help" line, through the same safe write. */
static void hint(const char *with_verb, const char *without)
{
	char buf[512];
	int n;

	if (msg_verb)
		n = snprintf(buf, sizeof buf, with_verb, program_invocation_short_name, msg_verb);
	else
		n = snprintf(buf, sizeof buf, without, program_invocation_short_name);
	if (n > 0)
		put_stderr(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfatal(fmt, ap);
	va_end(ap);
	hint(_("Try '%s %s --help' for more information.\n"),
	     _("Try '%s --help' for more information.\n"));
	exit(msg_usage_status);
}
