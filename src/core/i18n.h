/* i18n.h - gettext wrappers; with --disable-nls the strings pass through. */
#ifndef SIGTOOL_I18N_H
#define SIGTOOL_I18N_H

#ifdef ENABLE_NLS
# include <libintl.h>
# define _(s) gettext(s)
#else
# define _(s) (s)
#endif
#define N_(s) (s)

#endif
