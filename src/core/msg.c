/* msg.c - diagnostics on stderr ("sigtool: VERB: message") and exit statuses.
 * The lowest layer but i18n: it calls nothing of util.c or out.c. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "msg.h"

const char *msg_verb;
static void (*fatal_hook)(void);

void msg_on_fatal(void (*fn)(void))
{
	fatal_hook = fn;
}

static void vmsg(const char *fmt, va_list ap, int errnum)
{
	i18n_init();    /* strerror() speaks the user's language */
	fprintf(stderr, "%s: ", program_invocation_short_name);
	if (msg_verb)
		fprintf(stderr, "%s: ", msg_verb);
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
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

void usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfatal(fmt, ap);
	va_end(ap);
	if (msg_verb)
		fprintf(stderr, _("Try '%s %s --help' for more information.\n"),
			program_invocation_short_name, msg_verb);
	else
		fprintf(stderr, _("Try '%s --help' for more information.\n"),
			program_invocation_short_name);
	exit(EXIT_USAGE);
}
