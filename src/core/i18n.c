/* i18n.c - the locale and message catalogue, loaded on first use: loading
 * a locale costs more than the whole of `send 0 PID`. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdbool.h>
#ifdef ENABLE_NLS
# include <libintl.h>
#endif

#include "i18n.h"
#include "util.h"

void i18n_init(void)
{
	static bool done;
	int saved = errno;      /* callers format strerror(errno) after _() */

	if (done)
		return;
	done = true;
	setlocale(LC_ALL, "");
#ifdef ENABLE_NLS
	if (messages_translated()) {
		bindtextdomain(PACKAGE, LOCALEDIR);
		textdomain(PACKAGE);
	}
#endif
	errno = saved;
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
