/* sigset.h - a set of signals as people and scripts read it: names, JSON,
 * the hex of /proc. The one home of these forms for every verb. */
#ifndef SIGTOOL_SIGSET_H
#define SIGTOOL_SIGSET_H

#include <stdbool.h>
#include <stddef.h>

#include "parse.h"
#include "sig.h"

/* A set as names, "HUP,INT,RTMIN+1", or "-" for the empty set; a bit that
 * is no valid signal (32 and 33, which glibc keeps) is shown as its number.
 * size SIGSET_TEXT_MAX always suffices. */
#define SIGSET_TEXT_MAX 1024
const char *sigset_text(sigmask64 m, char *buf, size_t size);
/* The same as a JSON array of strings. */
void json_sigset(sigmask64 m);
/* The 16 hex digits /proc and ps print. */
const char *sigset_hex(sigmask64 m, char buf[17]);

/* A word of n bytes on a line with other words that is a mask: the 16 hex
 * digits /proc and ps print, or 0x and up to 16 digits. Anything else (a
 * PID, "1/100") is no mask: false. */
bool sigset_hex_word(const char *w, size_t n, sigmask64 *m);

/* A line of text with masks in it, as 'mask --decode -' reads it: a line of
 * /proc/PID/status ("SigBlk:\t0000000000000201"), the columns of 'ps s', or
 * one word that must be a mask. */
struct sigline {
	const char *s;
	size_t len, at;
	const char *label;      /* "SigBlk" of "SigBlk: ...", or NULL */
	size_t label_len;
};

/* Start reading the line s (len bytes, no newline). 1 with *m if the line
 * is one word, which is then a mask; -1 with a message in *e if that word
 * is no mask; 0 for a line of words, read with sigline_next(). */
int sigline_start(struct sigline *l, const char *s, size_t len, sigmask64 *m,
		  struct perr *e);
/* The next piece of the line, *text and *n: 1 for blanks or a word kept as
 * it is, 2 for a mask word (decoded into *m), 0 at the end. */
int sigline_next(struct sigline *l, const char **text, size_t *n, sigmask64 *m);

#endif
