/* i18n.c - the locale and message catalogue, loaded on first use: loading
 * a locale costs more than the whole of `send 0 PID`. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#ifdef ENABLE_NLS
# include <libintl.h>
#endif

#include "i18n.h"
#include "util.h"

static bool translated;

#ifdef ENABLE_NLS
/* SIGTOOL_LOCALEDIR is for the build tree: the tests and the man pages run
 * sigtool before its catalogues are installed. secure_getenv: never for a
 * set-user-ID run. */
static const char *catalog_dir(void)
{
	const char *d = secure_getenv("SIGTOOL_LOCALEDIR");

	return d && *d ? d : LOCALEDIR;
}
#endif

void i18n_init(void)
{
	static bool done;
	int saved = errno;      /* callers format strerror(errno) after _() */
	const char *l, *lang;

	if (done)
		return;
	done = true;
	setlocale(LC_ALL, "");
	/* glibc's gettext ignores LANGUAGE in the C (= POSIX) locale but not
	 * in C.UTF-8, which has no catalogue of its own. */
	l = setlocale(LC_MESSAGES, NULL);
	lang = getenv("LANGUAGE");
	translated = l && strcmp(l, "C") && strcmp(l, "POSIX")
	    && (strncmp(l, "C.", 2) || (lang && *lang));
#ifdef ENABLE_NLS
	if (translated) {
		bindtextdomain(PACKAGE, catalog_dir());
		textdomain(PACKAGE);
	}
#endif
	errno = saved;
}

bool messages_translated(void)
{
	i18n_init();
	return translated;
}

const char *i18n_gettext(const char *msgid)
{
	i18n_init();
#ifdef ENABLE_NLS
	return gettext(msgid);
#else
	return msgid;
#endif
}
