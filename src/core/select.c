/* select.c - the selection engine: pgrep's selectors over /proc, then each
 * match opened as a pidfd and re-checked, so no recycled PID is handed out. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "parse.h"
#include "pidfd.h"
#include "select.h"
#include "util.h"

#ifndef CGROUP2_SUPER_MAGIC
# define CGROUP2_SUPER_MAGIC 0x63677270
#endif

static const char *const ns_names[SEL_NS_COUNT] = {
	"pid", "mnt", "net", "ipc", "user", "uts", "cgroup",
};

/* PF_KTHREAD of include/linux/sched.h, in the flags of /proc/PID/stat. */
#define SEL_PF_KTHREAD 0x00200000ULL

/* What one scan reads of a process: /proc/PID/stat always, its status only
 * for the user and group selectors. */
struct rec {
	pid_t pid;
	int fd;                 /* its stat file, kept open for a candidate; -1 */
	bool ok, kthread, matched, in_tree;
	unsigned uid, euid, gid;
	struct proc_stat ps;
	char name[64];          /* comm, raw bytes, as stat shows it */
};

bool sel_active(const struct sel *s)
{
	return s->pattern || s->euid.n || s->uid.n || s->gid.n || s->ppid.n || s->sid.n
	       || s->pgid.n || s->tty || s->tree || s->cgroup || s->newest || s->oldest || s->has_older
	       || s->inverse || s->runstates || s->ns;
}

/* ---- sel_prepare ------------------------------------------------------- */

/* A refusal: which selector it is about, for the verb to name. */
static int failed(struct sel *s, enum sel_part part, int rc)
{
	s->failed = part;
	return rc;
}

static int prep_regex(struct sel *s, struct perr *e)
{
	char *pat = NULL;
	int rc;

	if (!s->pattern)
		return 0;
	if (s->exact) {
		size_t size = strlen(s->pattern) + 5;
		pat = xmalloc(size);
		snprintf(pat, size, "^(%s)$", s->pattern);
	}
	rc = regex_compile(&s->re, pat ? pat : s->pattern, s->pattern,
			   REG_NOSUB | (s->icase ? REG_ICASE : 0), e);
	free(pat);
	if (rc < 0)
		return failed(s, SEL_P_NAME, SEL_BAD);
	s->has_re = true;
	return 0;
}

static int prep_tty(struct sel *s, struct perr *e)
{
	char path[PATH_MAX];
	struct stat sb;

	if (!s->tty)
		return 0;
	snprintf(path, sizeof path, "%s%s", s->tty[0] == '/' ? "" : "/dev/", s->tty);
	if (!*s->tty || stat(path, &sb) < 0 || !S_ISCHR(sb.st_mode))
		return perr_set(e, _("unknown terminal '%s'"), s->tty), failed(s, SEL_P_TERMINAL, SEL_BAD);
	s->tty_major = (int)major(sb.st_rdev);
	s->tty_minor = (int)minor(sb.st_rdev);
	return 0;
}

int sel_cgroup_dir(const char *cg, char *dir, size_t size)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096], root[2048], point[2048];
	int found = -1;

	if (!f)
		return -1;
	while (found < 1 && fgets(line, sizeof line, f)) {
		size_t len;
		if (!strstr(line, " - cgroup2 ")
		    || sscanf(line, "%*s %*s %*s %2047s %2047s", root, point) != 2)
			continue;
		found = 0;
		len = strcmp(root, "/") ? strlen(root) : 0;
		if (!strncmp(cg, root, len) && (cg[len] == '/' || cg[len] == '\0')) {
			snprintf(dir, size, "%s%s", point, cg + len);
			found = 1;
		}
	}
	fclose(f);
	return found;
}

static int prep_cgroup(struct sel *s, struct perr *e)
{
	char path[PATH_MAX * 2];
	struct statfs fs;
	struct stat sb;
	size_t len;
	int rc;

	if (!s->cgroup)
		return 0;
	if (!*s->cgroup)
		return perr_set(e, _("empty cgroup path")), failed(s, SEL_P_CGROUP, SEL_BAD);
	snprintf(s->cgpath, sizeof s->cgpath, "%s%s", s->cgroup[0] == '/' ? "" : "/", s->cgroup);
	len = strlen(s->cgpath);
	while (len > 1 && s->cgpath[len - 1] == '/')
		s->cgpath[--len] = '\0';
	if ((rc = sel_cgroup_dir(s->cgpath, path, sizeof path)) < 0)
		return perr_set(e, _("no cgroup v2 hierarchy is mounted to find '%s' in"), s->cgroup),
		       failed(s, SEL_P_CGROUP, SEL_BAD);
	if (rc == 0)
		return perr_set(e, _("no cgroup '%s' (no cgroup v2 mount holds it)"), s->cgroup),
		       failed(s, SEL_P_CGROUP, SEL_ABSENT);
	if (statfs(path, &fs) < 0)
		return perr_set(e, _("no cgroup '%s' (%s): %s"), s->cgroup, path, strerror(errno)),
		       failed(s, SEL_P_CGROUP, SEL_ABSENT);
	if (fs.f_type != CGROUP2_SUPER_MAGIC || stat(path, &sb) < 0 || !S_ISDIR(sb.st_mode))
		return perr_set(e, _("'%s' is not a cgroup v2 directory"), path), failed(s, SEL_P_CGROUP, SEL_BAD);
	return 0;
}

static int ns_inode(pid_t pid, int k, unsigned long long *ino)
{
	char path[64];
	struct stat sb;

	snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)pid, ns_names[k]);
	if (stat(path, &sb) < 0)
		return -1;
	*ino = sb.st_ino;
	return 0;
}

static int prep_nslist(struct sel *s, struct perr *e)
{
	const char *p = s->nslist;

	if (!p) {
		s->nsmask = (1u << SEL_NS_COUNT) - 1;
		return 0;
	}
	for (;;) {
		size_t len = strcspn(p, ",");
		int k;
		for (k = 0; k < SEL_NS_COUNT; k++)
			if (strlen(ns_names[k]) == len && !strncmp(p, ns_names[k], len))
				break;
		if (k == SEL_NS_COUNT)
			return perr_set(e, _("unknown namespace '%.*s' (use pid, mnt, net, ipc, user, uts or cgroup)"),
					(int)len, p), failed(s, SEL_P_NSLIST, SEL_BAD);
		s->nsmask |= 1u << k;
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

static int prep_ns(struct sel *s, struct perr *e)
{
	int rc;

	if (!s->ns)
		return 0;
	if ((rc = prep_nslist(s, e)) < 0)
		return rc;
	for (int k = 0; k < SEL_NS_COUNT; k++) {
		if (!(s->nsmask >> k & 1) || ns_inode(s->ns, k, &s->ns_ino[k]) == 0)
			continue;
		if (errno == ENOENT && kill(s->ns, 0) < 0 && errno == ESRCH)
			return perr_set(e, _("no process %d"), (int)s->ns), failed(s, SEL_P_NS, SEL_ABSENT);
		if (s->nslist)
			return perr_set(e, _("cannot read namespace %s of %d: %s"), ns_names[k],
					(int)s->ns, strerror(errno)), failed(s, SEL_P_NS, SEL_BAD);
		s->nsmask &= ~(1u << k);        /* this kernel has none: not compared */
	}
	return 0;
}

static int prep_misc(struct sel *s, struct perr *e)
{
	char path[32];

	if (s->runstates) {
		if (!*s->runstates)
			return perr_set(e, _("empty list of states")), failed(s, SEL_P_RUNSTATES, SEL_BAD);
		for (const char *p = s->runstates; *p; p++)
			if (!strchr("RSDTtZXxKWPI,", *p))
				return perr_set(e, _("unknown process state '%c' in '%s' (use R, S, D, T, t, Z, X, I, P, K, W)"),
						*p, s->runstates), failed(s, SEL_P_RUNSTATES, SEL_BAD);
	}
	snprintf(path, sizeof path, "/proc/%d", (int)s->tree);
	if (s->tree && access(path, F_OK) < 0)
		return perr_set(e, _("no process %d"), (int)s->tree), failed(s, SEL_P_TREE, SEL_ABSENT);
	for (unsigned k = 0; k < s->sid.n; k++)
		if (s->sid.id[k] == 0)
			s->sid.id[k] = (unsigned)getsid(0);
	for (unsigned k = 0; k < s->pgid.n; k++)
		if (s->pgid.id[k] == 0)
			s->pgid.id[k] = (unsigned)getpgrp();
	return 0;
}

int sel_prepare(struct sel *s, struct perr *e)
{
	int rc;

	if ((rc = prep_regex(s, e)) < 0 || (rc = prep_tty(s, e)) < 0
	    || (rc = prep_cgroup(s, e)) < 0 || (rc = prep_ns(s, e)) < 0
	    || (rc = prep_misc(s, e)) < 0)
		return rc;
	return 0;
}

/* ---- reading and matching one process --------------------------------- */

static bool in_list(const struct idlist *l, unsigned v)
{
	if (!l->n)
		return true;
	for (unsigned k = 0; k < l->n; k++)
		if (l->id[k] == v)
			return true;
	return false;
}

static bool need_status(const struct sel *s)
{
	return s->euid.n || s->uid.n || s->gid.n;
}

/* The stat file on fd, read from its start: its fields and the name. A
 * read fails once the process it was opened for has been reaped. */
static bool stat_fill(int fd, struct rec *r)
{
	char buf[2048];
	const char *open, *close;
	ssize_t n;

	do
		n = pread(fd, buf, sizeof buf, 0);
	while (n < 0 && errno == EINTR);
	if (n <= 0 || proc_stat_parse(buf, (size_t)n, &r->ps) < 0)
		return false;
	open = memchr(buf, '(', (size_t)n);
	close = memrchr(buf, ')', (size_t)n);
	n = close - open - 1;
	if (n >= (ssize_t)sizeof r->name)
		n = sizeof r->name - 1;
	memcpy(r->name, open + 1, (size_t)n);
	r->name[n] = '\0';
	r->kthread = (r->ps.flags & SEL_PF_KTHREAD) != 0;
	return true;
}

static bool ids_fill(pid_t pid, struct rec *r)
{
	struct proc_status st;

	if (proc_status_read(pid, 0, &st) < 0)
		return false;
	r->uid = st.uid[0], r->euid = st.uid[1], r->gid = st.gid[0];
	return true;
}

/* The command line, argv joined by spaces; empty for a kernel thread. */
static void cmdline_read(pid_t pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
	n = read_small(path, buf, size - 1);
	if (n < 0)
		n = 0;
	while (n > 0 && buf[n - 1] == '\0')
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\0')
			buf[i] = ' ';
	buf[n] = '\0';
}

static bool name_match(const struct sel *s, const struct rec *r)
{
	char line[8192];

	if (!s->has_re)
		return true;
	if (!s->full)
		return regexec(&s->re, r->name, 0, NULL, 0) == 0;
	cmdline_read(r->pid, line, sizeof line);
	return regexec(&s->re, line, 0, NULL, 0) == 0;
}

static bool cgroup_match(const struct sel *s, pid_t pid)
{
	char path[64], buf[8192], *p, *nl;
	size_t len = strlen(s->cgpath);
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/cgroup", (int)pid);
	if ((n = read_small(path, buf, sizeof buf - 1)) < 0)
		return false;
	buf[n] = '\0';
	for (p = buf; p && *p; p = nl ? nl + 1 : NULL) {
		if ((nl = strchr(p, '\n')))
			*nl = '\0';
		if (strncmp(p, "0::", 3))
			continue;
		p += 3;
		return !strcmp(s->cgpath, "/")
		       || (!strncmp(p, s->cgpath, len) && (p[len] == '\0' || p[len] == '/'));
	}
	return false;
}

static bool ns_match(const struct sel *s, pid_t pid)
{
	for (int k = 0; k < SEL_NS_COUNT; k++) {
		unsigned long long ino;
		if ((s->nsmask >> k & 1) && (ns_inode(pid, k, &ino) < 0 || ino != s->ns_ino[k]))
			return false;
	}
	return true;
}

/* --older: the latest start allowed, once per run. */
static void older_prepare(struct sel *s)
{
	struct timespec now;

	if (!s->has_older)
		return;
	clock_gettime(CLOCK_BOOTTIME, &now);
	s->start_max = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec - s->older;
}

static bool older_match(const struct sel *s, const struct rec *r)
{
	static long hz;
	unsigned long long t = r->ps.starttime;

	if (!s->has_older)
		return true;
	if (!hz)
		hz = sysconf(_SC_CLK_TCK);
	return (int64_t)(t / (unsigned long long)hz) * 1000000000
	       + (int64_t)(t % (unsigned long long)hz) * (1000000000 / hz) <= s->start_max;
}

static bool tty_match(const struct sel *s, const struct rec *r)
{
	int maj = (r->ps.tty_nr >> 8) & 0xfff;
	int min = (r->ps.tty_nr & 0xff) | ((r->ps.tty_nr >> 12) & 0xfff00);

	return !s->tty || (r->ps.tty_nr && maj == s->tty_major && min == s->tty_minor);
}

/* Every selector but --tree, --newest and --oldest, which need the others;
 * what is in memory first, then the regex, then what needs more files. */
static bool match(const struct sel *s, const struct rec *r)
{
	return in_list(&s->euid, r->euid) && in_list(&s->uid, r->uid)
	       && in_list(&s->gid, r->gid) && in_list(&s->ppid, (unsigned)r->ps.ppid)
	       && in_list(&s->sid, (unsigned)r->ps.session)
	       && in_list(&s->pgid, (unsigned)r->ps.pgrp)
	       && (!s->runstates || strchr(s->runstates, r->ps.state))
	       && tty_match(s, r) && older_match(s, r) && name_match(s, r)
	       && (!s->cgroup || cgroup_match(s, r->pid)) && (!s->ns || ns_match(s, r->pid));
}

/* ---- the scan ----------------------------------------------------------- */

/* Read PID's stat through a new descriptor (left in r->fd) and, if the
 * selectors need them, its IDs. */
static bool rec_read(const struct sel *s, int procfd, pid_t pid, struct rec *r)
{
	char name[32];

	*r = (struct rec){ .pid = pid, .fd = -1 };
	snprintf(name, sizeof name, "%d/stat", (int)pid);
	if ((r->fd = openat(procfd, name, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return false;
	return r->ok = stat_fill(r->fd, r) && (!need_status(s) || ids_fill(pid, r));
}

/* Whether r could be selected once --tree is known: its stat file is then
 * kept open (while descriptors last) to pin it until it is checked. */
static bool may_select(const struct sel *s, const struct rec *r)
{
	if (!r->ok || (r->kthread && !s->kthreads))
		return false;
	return s->inverse ? !r->matched || s->tree : r->matched;
}

static void rec_close(struct rec *r)
{
	if (r->fd >= 0)
		close(r->fd);
	r->fd = -1;
}

/* Descriptors we may keep open for candidates: half of what is left. */
static long fd_budget(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur == RLIM_INFINITY)
		return 512;
	return rl.rlim_cur > 128 ? (long)(rl.rlim_cur - 64) / 2 : 0;
}

/* Read every PID of the list into r, matched but for --tree. */
static void scan(const struct sel *s, const pid_t *pids, long n, struct rec *r)
{
	int procfd = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long budget = fd_budget();

	for (long i = 0; i < n; i++) {
		if (rec_read(s, procfd, pids[i], &r[i]))
			r[i].matched = match(s, &r[i]);
		if (budget > 0 && may_select(s, &r[i]))
			budget--;
		else
			rec_close(&r[i]);
	}
	if (procfd >= 0)
		close(procfd);
}

static int cmp_rec(const void *k, const void *e)
{
	pid_t a = *(const pid_t *)k, b = ((const struct rec *)e)->pid;
	return (a > b) - (a < b);
}

static struct rec *find(struct rec *r, long n, pid_t pid)
{
	return bsearch(&pid, r, n, sizeof *r, cmp_rec);
}

/* --tree: the PID and every process whose parent is in the tree. */
static void mark_tree(const struct sel *s, struct rec *r, long n)
{
	bool changed = true;

	while (changed) {
		changed = false;
		for (long i = 0; i < n; i++) {
			struct rec *p;
			if (!r[i].ok || r[i].in_tree)
				continue;
			p = r[i].pid == s->tree ? &r[i] : find(r, n, r[i].ps.ppid);
			if (p && (p == &r[i] || (p->ok && p->in_tree)))
				r[i].in_tree = changed = true;
		}
	}
}

/* sigtool and the processes between it and the calling shell, up to init. */
static void mark_self(struct rec *r, long n)
{
	pid_t pid = getpid();

	for (int depth = 0; pid > 0 && depth < 4096; depth++) {
		struct rec *p = find(r, n, pid);
		if (!p || !p->ok)
			break;
		p->ok = false;
		pid = p->ps.ppid;
	}
}

static bool selected(const struct sel *s, const struct rec *r)
{
	bool m = (!s->tree || r->in_tree) && r->matched;

	return r->ok && (s->kthreads || !r->kthread) && m != s->inverse;
}

/* --newest, --oldest: keep the one with the latest or earliest start. */
static long pick_one(const struct sel *s, struct rec **c, long n)
{
	long best = 0;

	if (!(s->newest || s->oldest) || n == 0)
		return n;
	for (long i = 1; i < n; i++) {
		bool later = c[i]->ps.starttime > c[best]->ps.starttime
			     || (c[i]->ps.starttime == c[best]->ps.starttime && c[i]->pid > c[best]->pid);
		if (later == s->newest)
			best = i;
	}
	c[0] = c[best];
	return 1;
}

/* ---- the check through the pidfd ---------------------------------------- */

/* c read again once its pidfd is open, into now: through the stat file
 * kept from the scan where there is one (it fails once c has ended,
 * whoever has its PID now), else by PID, with the start time compared. */
static bool reread(const struct sel *s, const struct rec *c, struct rec *now)
{
	char path[32];
	int fd = c->fd;
	bool ok;

	*now = (struct rec){ .pid = c->pid, .fd = -1, .in_tree = c->in_tree };
	if (fd < 0) {
		snprintf(path, sizeof path, "/proc/%d/stat", (int)c->pid);
		if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
			return false;
	}
	ok = stat_fill(fd, now);
	if (fd != c->fd)
		close(fd);
	return ok && now->ps.starttime == c->ps.starttime && now->ps.ppid == c->ps.ppid
	       && (!need_status(s) || ids_fill(c->pid, now));
}

/* After the reads by PID: c's stat file still reads (c has not ended, so
 * the PID was c's all along), or without one, its pidfd saw no end. */
static bool still_same(const struct rec *c, int pidfd)
{
	char b;

	if (c->fd >= 0)
		return pread(c->fd, &b, 1, 0) == 1;
	return pidfd < 0 || pfd_send(pidfd, 0, NULL, 0) == 0 || errno != ESRCH;
}

/* Open the candidate and check that the pidfd is the process scanned. */
static bool confirm(const struct sel *s, const struct rec *c, struct sel_match *m)
{
	struct rec now;
	int fd = pfd_open(c->pid, 0);

	if (fd < 0 && errno != ENOSYS)
		return false;           /* it has ended */
	if (!reread(s, c, &now) || (now.kthread && !s->kthreads)
	    || ((!s->tree || c->in_tree) && match(s, &now)) == s->inverse
	    || !still_same(c, fd)) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	*m = (struct sel_match){ .pid = c->pid, .fd = fd, .start = c->ps.starttime };
	/* the raw bytes: people see them through text_clean(), JSON escaped */
	snprintf(m->name, sizeof m->name, "%.*s", PROC_COMM_MAX, now.name);
	return true;
}

/* The candidates, --tree and --newest/--oldest applied, in c. */
static long candidates(const struct sel *s, struct rec *r, long n, struct rec **c)
{
	long nc = 0;

	if (s->tree)
		mark_tree(s, r, n);
	mark_self(r, n);
	for (long i = 0; i < n; i++)
		if (selected(s, &r[i]))
			c[nc++] = &r[i];
	return pick_one(s, c, nc);
}

long sel_run(struct sel *s, struct sel_match **out)
{
	pid_t *pids;
	long n = proc_list(0, &pids), nc, nm = 0;
	struct rec *r, **c;

	if (n < 0)
		return -1;
	older_prepare(s);
	r = xmalloc(sizeof *r * (n ? n : 1));
	c = xmalloc(sizeof *c * (n ? n : 1));
	scan(s, pids, n, r);
	free(pids);
	nc = candidates(s, r, n, c);
	*out = xmalloc(sizeof **out * (nc ? nc : 1));
	for (long i = 0; i < nc; i++)
		nm += confirm(s, c[i], &(*out)[nm]);
	for (long i = 0; i < n; i++)
		rec_close(&r[i]);
	free(c);
	free(r);
	return nm;
}

bool sel_alive(const struct sel_match *m)
{
	return m->fd < 0 || pfd_send(m->fd, 0, NULL, 0) == 0 || errno != ESRCH;
}

void sel_free(struct sel *s, struct sel_match *m, long n)
{
	struct idlist *lists[] = { &s->euid, &s->uid, &s->gid, &s->ppid, &s->sid, &s->pgid };

	for (long i = 0; i < n; i++)
		if (m[i].fd >= 0)
			close(m[i].fd);
	free(m);
	if (s->has_re)
		regfree(&s->re);
	s->has_re = false;
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		idlist_free(lists[i]);
}
