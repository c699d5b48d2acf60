/* text.h - text for a terminal: text from another process or a file
 * (comm, cmdline, pidfile contents, paths) made safe to show, and the
 * display width of text and where prose wraps. */
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

/* Display width of the n bytes at s in terminal columns: the locale's
 * mbrtowc() and wcwidth() of each character (Hangul takes two, a combining
 * mark none); one column for a character or byte the locale cannot read. */
size_t text_width(const char *s, size_t n);

/* Where the first line of the prose at s (NUL-ended) ends when lines may
 * take width display columns: returns the bytes of that line, blanks at
 * the break left out, and sets *next to where the next line starts (the
 * blanks and the newline after the break skipped; strlen(s) at the end).
 * Lines break at blanks only: a word wider than width gets a line of its
 * own, uncut. A newline in s ends a line; width 0 never wraps. */
size_t text_wrap_line(const char *s, size_t width, size_t *next);

#endif
