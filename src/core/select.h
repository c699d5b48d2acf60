/* select.h - choosing processes the way users do (by name, user, tree,
 * cgroup, namespace, age, state), race-free: every match is opened as a
 * pidfd and re-checked before it is handed out. Takes parsed values and
 * knows no option; the verb words what it refuses. */
#ifndef SIGTOOL_SELECT_H
#define SIGTOOL_SELECT_H

#include <regex.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "parse.h"
#include "proc.h"

enum { SEL_NS_COUNT = 7 };      /* pid mnt net ipc user uts cgroup */

/* The selector sel_prepare() refused. */
enum sel_part {
	SEL_P_NONE, SEL_P_NAME, SEL_P_TERMINAL, SEL_P_CGROUP, SEL_P_NS, SEL_P_NSLIST,
	SEL_P_RUNSTATES, SEL_P_TREE,
};

struct sel {
	/* What to match: all that is given must hold (AND). */
	const char *pattern;    /* ERE on comm (on the command line with full) */
	bool exact, icase, full;
	struct idlist euid, uid, gid, ppid, sid;        /* sid 0: our own */
	struct idlist pgid;     /* process groups (the verbs that do not send) */
	const char *tty;        /* "pts/3", "tty1" or a /dev path */
	pid_t tree;             /* this PID and its descendants; 0: none */
	const char *cgroup;     /* cgroup v2 path, sub-cgroups included */
	bool newest, oldest;
	bool has_older;
	int64_t older;          /* ns: started at least this long ago */
	bool inverse;           /* negate the match (kernel threads stay out) */
	const char *runstates;  /* state letters */
	bool kthreads;          /* kernel threads may match */
	pid_t ns;               /* share these namespaces with ns; 0: none */
	const char *nslist;     /* comma list of namespace names; NULL: all */
	/* Filled in by sel_prepare(). */
	enum sel_part failed;   /* what it refused */
	regex_t re;
	bool has_re;
	int tty_major, tty_minor;
	char cgpath[4096];
	int64_t start_max;      /* --older: latest start allowed, ns after boot */
	unsigned nsmask;
	unsigned long long ns_ino[SEL_NS_COUNT];
};

/* One verified match: its pidfd (-1 on a kernel without pidfds) is the
 * process that was matched. */
struct sel_match {
	pid_t pid;
	int fd;
	unsigned long long start;
	char name[PROC_COMM_MAX + 1];
};

/* sel_prepare() results. */
#define SEL_BAD    (-1)         /* malformed input: a usage error */
#define SEL_ABSENT (-2)         /* a named process or cgroup does not exist */

/* Whether any selector is given. */
bool sel_active(const struct sel *s);

/* Compile and resolve what s names (regex, terminal, cgroup, namespaces).
 * 0, or SEL_BAD / SEL_ABSENT with a message naming the word and
 * s->failed saying which selector it is about. */
int sel_prepare(struct sel *s, struct perr *e);

/* Where cgroup v2 PATH (as /proc/PID/cgroup prints it, starting with '/')
 * is in our file tree: under the first cgroup2 mount (/proc/self/mountinfo)
 * whose root holds PATH; a mount of a sub-cgroup (a container's) counts
 * from its root. 1 found (in dir), 0 no cgroup2 mount holds it, -1 none
 * is mounted. */
int sel_cgroup_dir(const char *path, char *dir, size_t size);

/* Scan /proc, match, then open each match as a pidfd and re-check it (same
 * start time, still matching); a process that changed is left out. Never
 * sigtool itself nor its ancestors. The stat file of a candidate is kept
 * open from the scan to the check: it reads only while the process scanned
 * lives, so a pidfd opened before it last reads is that process, even when
 * its PID was reused in the same clock tick. *m is malloc'ed (sel_free());
 * returns the count, or -1 with errno when /proc cannot be listed. */
long sel_run(struct sel *s, struct sel_match **m);

/* Whether the process of m is still the one matched (its pidfd has not
 * seen it end): after reading /proc by its PID, the data was its own.
 * True on a kernel without pidfds. */
bool sel_alive(const struct sel_match *m);

/* Close the matches' pidfds, free m, the compiled regex and the ID lists. */
void sel_free(struct sel *s, struct sel_match *m, long n);

#endif
