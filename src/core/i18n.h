/* i18n.h - gettext wrappers; with --disable-nls the strings pass through.
 * The locale is loaded on first use (i18n_init), so that a verb that
 * prints nothing, such as `send 0 PID`, never pays for it. */
#ifndef SIGTOOL_I18N_H
#define SIGTOOL_I18N_H

/* setlocale(LC_ALL, "") and the message catalogue, once; keeps errno.
 * Call it before anything locale-dependent that does not go through _(). */
void i18n_init(void);
/* gettext() after i18n_init(). */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));

#define _(s) i18n_gettext(s)
#define N_(s) (s)

#endif
