/* out.h - buffered standard output that remembers its first write error,
 * aligned tables and JSON with correct string escaping. */
#ifndef SIGTOOL_OUT_H
#define SIGTOOL_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

void out_write(const void *p, size_t n);
void out_puts(const char *s);
void out_putc(char c);
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_uint(unsigned long long v);
void out_int(long long v);
/* s padded with blanks to width display columns (on the left if right),
 * then the two blanks that separate columns. For tables whose column
 * widths the caller knows; struct table measures them itself. */
void out_field(const char *s, size_t width, bool right);
/* The same for n bytes of s whose display width w the caller knows (ASCII
 * names and numbers: w = n), so nothing is measured again. */
void out_field_n(const char *s, size_t n, size_t w, size_t width, bool right);
/* Display width of s in terminal columns: the locale's wcwidth() of each
 * UTF-8 character (Hangul takes two), one per character it cannot tell. */
size_t out_width(const char *s);
/* Prose (notes, decoded statuses) on a terminal wraps at OUT_PROSE_MAX
 * columns, or at the terminal's width if it is narrower (COLUMNS if set,
 * as ls(1) reads it, else the terminal's own size, TIOCGWINSZ); a value
 * keeps at least OUT_PROSE_MIN columns however narrow the terminal. */
#define OUT_PROSE_MAX 80
#define OUT_PROSE_MIN 20
/* The columns prose may take on stdout: 0 (never wrap) when stdout is not
 * a terminal, so scripts get one line per note. */
size_t out_wrap_width(void);
/* s and a newline, s starting at display column col (what is before it on
 * the line is already written): on a terminal s wraps at blanks to
 * out_wrap_width() columns and each further line is indented by col
 * blanks, under the first; elsewhere s is written as it is. */
void out_prose(const char *s, size_t col);
/* Write what is buffered; -1 once any write has failed (errno kept). */
int out_flush(void);
/* The errno of the first failed write to stdout, 0 if none. */
int out_error(void);
/* write(2) with SIGPIPE blocked for its duration: a reader that is gone
 * gives EPIPE, never a death by SIGPIPE, and no disposition is changed.
 * After EPIPE the SIGPIPE stays pending and blocked: end soon. */
ssize_t write_nosigpipe(int fd, const void *p, size_t n);
/* Drop what is buffered and not yet written (error paths). */
void out_discard(void);
/* For atexit(): flush; EPIPE exits 0 quietly, other errors exit 1 with a
 * message. */
void out_close_atexit(void);
/* Arrange the checked close of stdout at exit. Writes to a pipe or socket
 * block SIGPIPE while they run (see write_nosigpipe), so EPIPE is seen
 * without changing any disposition or leaving anything blocked. */
void out_init(void);

/* JSON: a string with quotes; C0 controls, DEL and C1 controls (U+0080-
 * U+009F) escaped as \u00HH, invalid UTF-8 bytes replaced by \ufffd so
 * that the document stays valid; everything else as it is. */
void json_str(const char *s);
void json_strn(const char *s, size_t n);
/* A "key": prefix, with a comma before it unless *first. */
void json_key(bool *first, const char *key);

/* Aligned columns for people: cells are copied, widths computed at print.
 * Column alignment is given as a string of 'l'/'r', one per column. */
struct table;
struct table *table_new(const char *align);
void table_cell(struct table *t, const char *s);
void table_cellf(struct table *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void table_cell_uint(struct table *t, unsigned long long v);
/* Print and free; the last column is never padded. */
void table_print(struct table *t);

#endif
