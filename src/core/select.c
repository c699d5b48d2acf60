/* select.c - the selection engine: pgrep's selectors over /proc, then each
 * match opened as a pidfd and re-checked, so no recycled PID is handed out. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "pidfd.h"
#include "select.h"
#include "util.h"

#ifndef CGROUP2_SUPER_MAGIC
# define CGROUP2_SUPER_MAGIC 0x63677270
#endif

static const char *const ns_names[SEL_NS_COUNT] = {
	"pid", "mnt", "net", "ipc", "user", "uts", "cgroup",
};

/* What one scan reads of a process. */
struct rec {
	pid_t pid;
	bool ok, kthread, in_tree;
	struct proc_status st;
	struct proc_stat ps;
};

bool sel_active(const struct sel *s)
{
	return s->pattern || s->euid.n || s->uid.n || s->gid.n || s->ppid.n || s->sid.n
	       || s->tty || s->tree || s->cgroup || s->newest || s->oldest || s->has_older
	       || s->inverse || s->runstates || s->ns;
}

/* ---- sel_prepare ------------------------------------------------------- */

static int prep_regex(struct sel *s, struct perr *e)
{
	char *pat = NULL, why[160];
	int rc;

	if (!s->pattern)
		return 0;
	if (!*s->pattern)
		return perr_set(e, _("empty pattern (it would match every process)")), SEL_BAD;
	if (s->exact) {
		size_t size = strlen(s->pattern) + 5;
		pat = xmalloc(size);
		snprintf(pat, size, "^(%s)$", s->pattern);
	}
	rc = regcomp(&s->re, pat ? pat : s->pattern,
		     REG_EXTENDED | REG_NOSUB | (s->icase ? REG_ICASE : 0));
	free(pat);
	if (rc) {
		regerror(rc, &s->re, why, sizeof why);
		return perr_set(e, _("invalid pattern '%s': %s"), s->pattern, why), SEL_BAD;
	}
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
		return perr_set(e, _("unknown terminal '%s'"), s->tty), SEL_BAD;
	s->tty_major = (int)major(sb.st_rdev);
	s->tty_minor = (int)minor(sb.st_rdev);
	return 0;
}

/* The mount point of the cgroup v2 hierarchy, from /proc/self/mountinfo. */
static bool cgroup2_mount(char *mnt, size_t size)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof line, f)) {
		char point[2048];
		const char *dash = strstr(line, " - cgroup2 ");
		if (dash && sscanf(line, "%*s %*s %*s %*s %2047s", point) == 1) {
			snprintf(mnt, size, "%s", point);
			found = true;
		}
	}
	fclose(f);
	return found;
}

static int prep_cgroup(struct sel *s, struct perr *e)
{
	char mnt[4096], path[PATH_MAX * 2];
	struct statfs fs;
	size_t len;

	if (!s->cgroup)
		return 0;
	if (!*s->cgroup)
		return perr_set(e, _("empty cgroup path")), SEL_BAD;
	snprintf(s->cgpath, sizeof s->cgpath, "%s%s", s->cgroup[0] == '/' ? "" : "/", s->cgroup);
	len = strlen(s->cgpath);
	while (len > 1 && s->cgpath[len - 1] == '/')
		s->cgpath[--len] = '\0';
	if (!cgroup2_mount(mnt, sizeof mnt))
		return perr_set(e, _("no cgroup v2 hierarchy is mounted")), SEL_BAD;
	snprintf(path, sizeof path, "%s%s", mnt, s->cgpath);
	if (statfs(path, &fs) < 0)
		return perr_set(e, _("no cgroup '%s' (%s): %s"), s->cgroup, path, strerror(errno)),
		       SEL_ABSENT;
	if (fs.f_type != CGROUP2_SUPER_MAGIC)
		return perr_set(e, _("'%s' is not a cgroup v2 directory"), path), SEL_BAD;
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
					(int)len, p), SEL_BAD;
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
			return perr_set(e, _("no process %d"), (int)s->ns), SEL_ABSENT;
		if (s->nslist)
			return perr_set(e, _("cannot read namespace %s of %d: %s"), ns_names[k],
					(int)s->ns, strerror(errno)), SEL_BAD;
		s->nsmask &= ~(1u << k);        /* this kernel has none: not compared */
	}
	return 0;
}

static int prep_misc(struct sel *s, struct perr *e)
{
	char path[32];

	if (s->runstates) {
		if (!*s->runstates)
			return perr_set(e, _("empty list of states")), SEL_BAD;
		for (const char *p = s->runstates; *p; p++)
			if (!strchr("RSDTtZXxKWPI,", *p))
				return perr_set(e, _("unknown process state '%c' in '%s' (use R, S, D, T, t, Z, X, I, P, K, W)"),
						*p, s->runstates), SEL_BAD;
	}
	snprintf(path, sizeof path, "/proc/%d", (int)s->tree);
	if (s->tree && access(path, F_OK) < 0)
		return perr_set(e, _("no process %d"), (int)s->tree), SEL_ABSENT;
	for (unsigned k = 0; k < s->sid.n; k++)
		if (s->sid.id[k] == 0)
			s->sid.id[k] = (unsigned)getsid(0);
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

/* ---- matching one process --------------------------------------------- */

static bool in_list(const struct idlist *l, unsigned v)
{
	if (!l->n)
		return true;
	for (unsigned k = 0; k < l->n; k++)
		if (l->id[k] == v)
			return true;
	return false;
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
		return regexec(&s->re, r->st.name, 0, NULL, 0) == 0;
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

static bool older_match(const struct sel *s, const struct rec *r)
{
	struct timespec now;
	long hz = sysconf(_SC_CLK_TCK);
	int64_t start_ns, now_ns;

	if (!s->has_older)
		return true;
	clock_gettime(CLOCK_BOOTTIME, &now);
	now_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
	start_ns = (int64_t)(r->ps.starttime / (unsigned long long)hz) * 1000000000
		   + (int64_t)(r->ps.starttime % (unsigned long long)hz) * (1000000000 / hz);
	return now_ns - start_ns >= s->older;
}

static bool tty_match(const struct sel *s, const struct rec *r)
{
	int maj = (r->ps.tty_nr >> 8) & 0xfff;
	int min = (r->ps.tty_nr & 0xff) | ((r->ps.tty_nr >> 12) & 0xfff00);

	return !s->tty || (r->ps.tty_nr && maj == s->tty_major && min == s->tty_minor);
}

/* Every selector but --tree, --newest and --oldest, which need the others. */
static bool match(const struct sel *s, const struct rec *r)
{
	return in_list(&s->euid, r->st.uid[1]) && in_list(&s->uid, r->st.uid[0])
	       && in_list(&s->gid, r->st.gid[0]) && in_list(&s->ppid, (unsigned)r->st.ppid)
	       && in_list(&s->sid, (unsigned)r->ps.session)
	       && (!s->runstates || strchr(s->runstates, r->st.state))
	       && tty_match(s, r) && older_match(s, r) && name_match(s, r)
	       && (!s->cgroup || cgroup_match(s, r->pid)) && (!s->ns || ns_match(s, r->pid));
}

static bool rec_read(pid_t pid, struct rec *r)
{
	*r = (struct rec){ .pid = pid };
	if (proc_status_read(pid, 0, &r->st) < 0 || proc_stat_read("/proc", pid, &r->ps) < 0)
		return false;
	r->kthread = proc_is_kthread(pid, &r->st) == 1;
	return r->ok = true;
}

/* ---- the scan ----------------------------------------------------------- */

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
			p = r[i].pid == s->tree ? &r[i] : find(r, n, r[i].st.ppid);
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
		pid = p->st.ppid;
	}
}

static bool selected(const struct sel *s, const struct rec *r)
{
	bool m = (!s->tree || r->in_tree) && match(s, r);

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

/* Open the candidate and check that the pidfd is the process scanned. */
static bool confirm(const struct sel *s, const struct rec *c, struct sel_match *m)
{
	struct rec now;
	int fd = pfd_open(c->pid, 0);

	if (fd < 0 && errno != ENOSYS)
		return false;           /* it has ended */
	if (!rec_read(c->pid, &now) || now.ps.starttime != c->ps.starttime
	    || now.st.ppid != c->st.ppid || (s->kthreads ? false : now.kthread)
	    || ((!s->tree || c->in_tree) && match(s, &now)) == s->inverse) {
		if (fd >= 0)
			close(fd);
		return false;
	}
	*m = (struct sel_match){ .pid = c->pid, .fd = fd, .start = c->ps.starttime };
	/* the raw bytes: people see them through text_clean(), JSON escaped */
	snprintf(m->name, sizeof m->name, "%.*s", PROC_COMM_MAX, now.st.name);
	return true;
}

long sel_run(struct sel *s, struct sel_match **out)
{
	pid_t *pids;
	long n = proc_list(0, &pids), nc = 0, nm = 0;
	struct rec *r, **c;

	if (n < 0)
		return -1;
	r = xmalloc(sizeof *r * (n ? n : 1));
	c = xmalloc(sizeof *c * (n ? n : 1));
	for (long i = 0; i < n; i++)
		rec_read(pids[i], &r[i]);
	free(pids);
	if (s->tree)
		mark_tree(s, r, n);
	mark_self(r, n);
	for (long i = 0; i < n; i++)
		if (selected(s, &r[i]))
			c[nc++] = &r[i];
	nc = pick_one(s, c, nc);
	*out = xmalloc(sizeof **out * (nc ? nc : 1));
	for (long i = 0; i < nc; i++)
		nm += confirm(s, c[i], &(*out)[nm]);
	free(c);
	free(r);
	return nm;
}

void sel_free(struct sel *s, struct sel_match *m, long n)
{
	for (long i = 0; i < n; i++)
		if (m[i].fd >= 0)
			close(m[i].fd);
	free(m);
	if (s->has_re)
		regfree(&s->re);
	s->has_re = false;
}
