/* text.h - text that comes from another process or a file (comm, cmdline,
 * pidfile contents, paths), made safe to show people on a terminal. */
#ifndef SIGTOOL_TEXT_H
#define SIGTOOL_TEXT_H

#include <stddef.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes, n > 0), or 0
 * if the byte at s starts none: overlong forms, surrogates and values past
 * U+10FFFF are invalid. */
size_t text_utf8_len(const char *s, size_t n);

/* The room text_clean() may need for n bytes: each byte can become four. */
#define TEXT_CLEAN_SIZE(n) (4 * (n) + 1)

/* The n bytes at s, for a terminal: every byte of a C0 control (including
 * newline and tab), of DEL, of a C1 control (U+0080-U+009F, which
 * terminals read as ESC sequences: "\xc2\x9b" is CSI) and of invalid
 * UTF-8 is written as the four characters \xHH (lower-case hex); the rest
 * is copied. The result is NUL-ended in buf (size > 0), cut, if it must
 * be, before a whole character or escape, never inside one. Returns buf. */
char *text_clean(char *buf, size_t size, const char *s, size_t n);

#endif
