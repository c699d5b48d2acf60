/* i18n.h - gettext wrappers; with --disable-nls the strings pass through.
 * The locale is loaded on first use (i18n_init), so that a verb that
 * prints nothing, such as `send 0 PID`, never pays for it. */
#ifndef SIGTOOL_I18N_H
#define SIGTOOL_I18N_H

#include <stdbool.h>

/* setlocale(LC_ALL, "") and the message catalogue, once; keeps errno.
 * Call it before anything locale-dependent that does not go through _(). */
void i18n_init(void);
/* Whether LC_MESSAGES can translate anything (after i18n_init()): false
 * in the C and POSIX locales, and in C.UTF-8 unless LANGUAGE names
 * languages; catalogue look-ups would only cost time there. */
bool messages_translated(void);
/* gettext() after i18n_init(). */
const char *i18n_gettext(const char *msgid) __attribute__((format_arg(1)));

/* xgettext reads the sources as written: a message is one literal (or
 * literals side by side) inside _() or N_(), never a macro's expansion;
 * text shared by several verbs is its own N_() message (CMD_PARAS). */
#define _(s) i18n_gettext(s)
#define N_(s) (s)

#endif
