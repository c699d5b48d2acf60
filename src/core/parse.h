/* parse.h - strict parsers for everything a user types: signals, signal sets,
 * PIDs, durations, hex masks and integers. Each returns 0, or -1 with a
 * message in *e that names the offending word. Locale-independent. */
#ifndef SIGTOOL_PARSE_H
#define SIGTOOL_PARSE_H

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "sig.h"

struct perr {
	char msg[512];
};

/* Word *e's message; returns -1, for "return perr_set(e, ...)". A
 * message longer than msg loses its middle, not the reason at its end. */
int perr_set(struct perr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* parse_signal() flags */
#define PS_ALLOW_ZERO  0x1      /* signal 0: an existence check (send) */

int parse_signal(const char *s, unsigned flags, int *signo, struct perr *e);

/* parse_sigset() flags */
#define PSET_BLOCKABLE 0x1      /* KILL or STOP named explicitly is an error */

/* Comma-separated signal specs, or "all": every signal that can be blocked,
 * caught or ignored (all but KILL and STOP). Adds to *set. */
int parse_sigset(const char *s, unsigned flags, sigmask64 *set, struct perr *e);

struct pid_spec {
	pid_t pid;
	bool has_inode;
	uint64_t inode;             /* the pidfs inode of PID:INODE */
};

/* Strict decimal 1..INT_MAX, leading zeros allowed; with allow_inode also
 * PID:INODE. */
int parse_pid(const char *s, bool allow_inode, struct pid_spec *p, struct perr *e);

/* A non-negative decimal with an optional unit ms, s (default), m, h or d,
 * to nanoseconds. */
int parse_duration(const char *s, int64_t *ns, struct perr *e);
/* The same with timeout(1)'s floating-point forms too: an exponent, as in
 * 1e-3 or 2.5e2ms (still no sign, hex, NaN or infinity). */
int parse_duration_exp(const char *s, int64_t *ns, struct perr *e);

/* DUR:SIG, e.g. 5s:KILL: a duration, a colon, a signal (0 not allowed). */
struct dur_sig {
	int64_t delay;          /* ns */
	int signo;
};
int parse_dur_sig(const char *s, struct dur_sig *ds, struct perr *e);

/* Up to 16 hex digits, optional 0x, as /proc/PID/status and ps print masks. */
int parse_hexmask(const char *s, sigmask64 *mask, struct perr *e);

/* Strict decimal integer in [min, max], optional leading '-' if min < 0;
 * what names the thing in the message ("exit status", "count"). */
int parse_int(const char *s, long long min, long long max, long long *v,
	      const char *what, struct perr *e);

/* A comma list of users, groups or numbers (names or numbers for users and
 * groups, as pgrep takes them), appended to *l, which grows without limit
 * (l->id is malloc'ed: idlist_free()). On error, what was appended stays. */
struct idlist {
	unsigned n, cap;
	unsigned *id;
};
enum idkind { ID_USER, ID_GROUP, ID_NUMBER };
int parse_idlist(const char *s, enum idkind kind, struct idlist *l, struct perr *e);
void idlist_add(struct idlist *l, unsigned id);
void idlist_free(struct idlist *l);

/* A POSIX extended regular expression, checked by compiling it: empty or
 * malformed (with the library's reason) is an error. */
int parse_regex(const char *s, struct perr *e);

/* glibc's regcomp copies a repeated part once per repetition it unrolls
 * ('+' twice, {m,n} n times), so stacked and nested repetitions multiply,
 * and the epsilon closures of its branch points (each copy of a
 * repetition, each alternative) grow with their square: "a++++++++++++++++++++++"
 * takes 3 GB, "a*" 6000 times 1.3 s and 290 MB, 1000 branch points about
 * 0.05 s and 10 MB. Repetitions of what may already match empty ("a?*",
 * "(a?)?") are worse: glibc walks every way round their empty paths, each
 * one doubling the time ("(a??){25}*" 5 s), so k of them weigh 2^k (an
 * anchor or an empty alternative inside one counts again: "((^)?$){8}*"
 * 3 s). A
 * pattern is refused past this weight, or past REGEX_DEPTH_MAX nested
 * groups; letters cost nothing, so a long pattern of them is never refused. */
#define REGEX_COST_MAX 1000
#define REGEX_DEPTH_MAX 100

/* regcomp(re, pat, cflags) of an extended regex, refused (with a message
 * naming shown) when empty, too costly or invalid. 0, or -1 and e set. */
int regex_compile(regex_t *re, const char *pat, const char *shown, int cflags, struct perr *e);

#endif
