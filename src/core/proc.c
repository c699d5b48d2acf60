/* proc.c - the signal state of a process or thread from /proc, one read(2)
 * into a buffer and no stdio, so that reading thousands stays cheap; and
 * whether a process group is orphaned, as the kernel decides it. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "parse.h"
#include "proc.h"
#include "util.h"

enum {
	F_NAME = 1 << 0, F_STATE = 1 << 1, F_TGID = 1 << 2, F_PID = 1 << 3,
	F_PPID = 1 << 4, F_SIGQ = 1 << 5, F_SIGPND = 1 << 6, F_SHDPND = 1 << 7,
	F_SIGBLK = 1 << 8, F_SIGIGN = 1 << 9, F_SIGCGT = 1 << 10,
	F_ALL = (1 << 11) - 1,
};

/* One decimal number at *p, advancing *p; false if none or too large. */
static bool num(const char **p, const char *end, long long *v)
{
	const char *s = *p;
	long long n = 0;

	if (s == end || !c_isdigit(*s))
		return false;
	for (; s < end && c_isdigit(*s); s++) {
		if (n > (0x7fffffffffffffffLL - (*s - '0')) / 10)
			return false;
		n = n * 10 + (*s - '0');
	}
	*p = s;
	*v = n;
	return true;
}

static bool pid_field(const char *p, const char *end, pid_t *pid)
{
	long long v;

	if (!num(&p, end, &v) || p != end || v > 0x7fffffff)
		return false;
	*pid = (pid_t)v;
	return true;
}

static bool mask_field(const char *p, const char *end, sigmask64 *m)
{
	char hex[24];
	struct perr e;

	if (end - p <= 0 || (size_t)(end - p) >= sizeof hex)
		return false;
	memcpy(hex, p, end - p);
	hex[end - p] = '\0';
	return parse_hexmask(hex, m, &e) == 0;
}

/* The kernel escapes a newline in a name as \n and a backslash as \\. */
static void name_field(const char *p, const char *end, struct proc_status *st)
{
	size_t n = 0;

	for (; p < end && n < sizeof st->name - 1; p++) {
		char c = *p;
		if (c == '\\' && p + 1 < end && (p[1] == 'n' || p[1] == '\\'))
			c = *++p == 'n' ? '\n' : '\\';
		st->name[n++] = c;
	}
	st->name[n] = '\0';
	st->name_len = n;
}

static bool nspid_field(const char *p, const char *end, struct proc_status *st)
{
	long long v;

	st->nspid_len = 0;
	while (p < end) {
		if (st->nspid_len == PROC_NSPID_MAX || !num(&p, end, &v) || v > 0x7fffffff)
			return false;
		st->nspid[st->nspid_len++] = (pid_t)v;
		while (p < end && (*p == '\t' || *p == ' '))
			p++;
	}
	return st->nspid_len > 0;
}

static bool sigq_field(const char *p, const char *end, struct proc_status *st)
{
	return num(&p, end, &st->sigq_queued) && p < end && *p++ == '/'
	       && num(&p, end, &st->sigq_limit) && p == end;
}

/* "Uid:\treal\teffective\tsaved\tfs": the first two. */
static bool ids_field(const char *p, const char *end, unsigned id[2])
{
	for (int k = 0; k < 2; k++) {
		long long n;
		while (p < end && (*p == '\t' || *p == ' '))
			p++;
		if (!num(&p, end, &n) || n > 0xffffffffLL)
			return false;
		id[k] = (unsigned)n;
	}
	return true;
}

/* One "Key:\tvalue" line; returns the F_ bit it filled, 0 for a key we do
 * not read, -1 for a key we read whose value is malformed. */
static int field(const char *key, size_t klen, const char *v, const char *end,
		 struct proc_status *st)
{
#define KEY(k) (klen == sizeof(k) - 1 && !memcmp(key, k, klen))
	if (KEY("Name")) {
		name_field(v, end, st);
		return F_NAME;
	}
	if (KEY("State")) {
		if (v == end)
			return -1;
		st->state = *v;
		return F_STATE;
	}
	if (KEY("Tgid"))
		return pid_field(v, end, &st->tgid) ? F_TGID : -1;
	if (KEY("Pid"))
		return pid_field(v, end, &st->pid) ? F_PID : -1;
	if (KEY("PPid"))
		return pid_field(v, end, &st->ppid) ? F_PPID : -1;
	if (KEY("NSpid"))
		return nspid_field(v, end, st) ? 0 : -1;
	if (KEY("TracerPid"))
		return pid_field(v, end, &st->tracerpid) ? 0 : -1;
	if (KEY("Threads") || KEY("Kthread")) {
		long long n;
		if (!num(&v, end, &n) || v != end || n > 0x7fffffff)
			return -1;
		if (KEY("Kthread") && n > 1)
			return -1;      /* a flag: anything else is not Linux's */
		*(KEY("Threads") ? &st->threads : &st->kthread) = (int)n;
		return 0;
	}
	if (KEY("Uid") || KEY("Gid"))
		return ids_field(v, end, KEY("Uid") ? st->uid : st->gid) ? 0 : -1;
	if (KEY("SigQ"))
		return sigq_field(v, end, st) ? F_SIGQ : -1;
	if (KEY("SigPnd"))
		return mask_field(v, end, &st->sigpnd) ? F_SIGPND : -1;
	if (KEY("ShdPnd"))
		return mask_field(v, end, &st->shdpnd) ? F_SHDPND : -1;
	if (KEY("SigBlk"))
		return mask_field(v, end, &st->sigblk) ? F_SIGBLK : -1;
	if (KEY("SigIgn"))
		return mask_field(v, end, &st->sigign) ? F_SIGIGN : -1;
	if (KEY("SigCgt"))
		return mask_field(v, end, &st->sigcgt) ? F_SIGCGT : -1;
#undef KEY
	return 0;
}

int proc_status_parse(const char *buf, size_t len, struct proc_status *st)
{
	const char *p = buf, *end = buf + len;
	unsigned seen = 0;

	*st = (struct proc_status){ .kthread = -1 };
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p), *colon, *v;
		const char *eol = nl ? nl : end;
		int f;

		colon = memchr(p, ':', eol - p);
		if (colon) {
			for (v = colon + 1; v < eol && (*v == '\t' || *v == ' '); v++)
				;
			if ((f = field(p, colon - p, v, eol, st)) < 0)
				break;
			seen |= f;
		}
		p = eol + 1;
	}
	if ((seen & F_ALL) != F_ALL) {
		errno = EBADMSG;
		return -1;
	}
	return 0;
}

/* A small /proc file whole; ENOENT means the process is gone. */
static ssize_t read_proc(const char *path, char *buf, size_t size)
{
	ssize_t n = read_small(path, buf, size);

	if (n < 0 && errno == ENOENT)
		errno = ESRCH;
	return n;
}

int proc_status_read(pid_t pid, pid_t tid, struct proc_status *st)
{
	char path[64], buf[8192];
	ssize_t n;

	if (tid > 0)
		snprintf(path, sizeof path, "/proc/%d/task/%d/status", (int)pid, (int)tid);
	else
		snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	/* One read: the kernel builds the whole file at once; the fields we
	 * need come long before the end, even with thousands of CPUs. */
	if ((n = read_proc(path, buf, sizeof buf)) < 0)
		return -1;
	return proc_status_parse(buf, n, st);
}

int proc_comm_read(pid_t pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
	if ((n = read_proc(path, buf, size - 1)) < 0)
		return -1;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return (int)n;
}

/* The next blank-separated word of a stat line, in [*w, *we). */
static bool stat_word(const char **p, const char *end, const char **w, const char **we)
{
	const char *s = *p;

	while (s < end && *s == ' ')
		s++;
	if (s == end || *s == '\n')
		return false;
	*w = s;
	while (s < end && *s != ' ' && *s != '\n')
		s++;
	*p = *we = s;
	return true;
}

/* "pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt
 * majflt cmajflt utime stime cutime cstime priority nice num_threads ...":
 * comm may hold anything but NUL, so the fields are counted from the last
 * ')', which no later field can hold. */
int proc_stat_parse(const char *buf, size_t len, struct proc_stat *st)
{
	const char *end = buf + len, *p = buf, *w, *we, *paren = NULL;
	long long v;

	*st = (struct proc_stat){ 0 };
	for (const char *q = buf; q < end; q++)
		if (*q == ')')
			paren = q;
	if (!paren || !num(&p, paren, &v) || v > 0x7fffffff || p + 2 > paren
	    || p[0] != ' ' || p[1] != '(')
		goto bad;
	st->pid = (pid_t)v;
	p = paren + 1;
	for (int field = 3; field <= 22; field++) {
		if (!stat_word(&p, end, &w, &we)) {
			if (field > 20)
				break;  /* starttime: optional for the fake trees */
			goto bad;
		}
		switch (field) {
		case 3:
			if (we - w != 1)
				goto bad;
			st->state = *w;
			break;
		case 4:
		case 5:
		case 6:
			if (!pid_field(w, we, field == 4 ? &st->ppid
					  : field == 5 ? &st->pgrp : &st->session))
				goto bad;
			break;
		case 7:
		case 9:
		case 20:
		case 22:
			if (!num(&w, we, &v) || w != we)
				goto bad;
			if (field == 7)
				st->tty_nr = (int)v;
			else if (field == 9)
				st->flags = (unsigned long long)v;
			else if (field == 20)
				st->threads = v;
			else
				st->starttime = (unsigned long long)v;
			break;
		}
	}
	return 0;
bad:
	errno = EBADMSG;
	return -1;
}

int proc_stat_read(const char *root, pid_t pid, struct proc_stat *st)
{
	char path[PATH_MAX], buf[2048];
	ssize_t n;

	if (pid > 0)
		n = snprintf(path, sizeof path, "%s/%d/stat", root, (int)pid);
	else
		n = snprintf(path, sizeof path, "%s/self/stat", root);
	if (n < 0 || (size_t)n >= sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	/* The fields we need come within the first few hundred bytes, even
	 * after the 64-byte name a kernel thread may show. */
	if ((n = read_proc(path, buf, sizeof buf)) < 0)
		return -1;
	return proc_stat_parse(buf, n, st);
}

/* PF_KTHREAD in include/linux/sched.h */
#define PF_KTHREAD 0x00200000UL

int proc_is_kthread(pid_t pid, const struct proc_status *st)
{
	struct proc_stat s;

	if (st->kthread >= 0)
		return st->kthread;
	if (st->ppid != 0 && st->ppid != 2)
		return 0;
	if (proc_stat_read("/proc", pid, &s) < 0)
		return -1;
	return (s.flags & PF_KTHREAD) != 0;
}

/* Whether member M keeps the group of SELF from being orphaned: its parent
 * is in another group of the same session. 1, 0, or -1 with errno. */
static int keeps_pgrp(const char *root, const struct proc_stat *m,
		      const struct proc_stat *self, bool init_is_global)
{
	struct proc_stat cur = *m, parent;

	/* A parent that exits while we look reparents M: read M again. */
	for (int tries = 0; tries < 3; tries++) {
		if ((cur.state == 'Z' || cur.state == 'X') && cur.threads <= 1)
			return 0;
		/* PPid 0: the parent is outside the PID namespace of ROOT. A
		 * session holds only descendants of its leader, so with the
		 * session visible (the caller checks), that parent is in
		 * another session. */
		if (cur.ppid == 0 || (cur.ppid == 1 && init_is_global))
			return 0;
		if (proc_stat_read(root, cur.ppid, &parent) == 0)
			return parent.pgrp != self->pgrp && parent.session == self->session;
		if (errno != ESRCH)
			return -1;
		if (proc_stat_read(root, cur.pid, &cur) < 0)
			return errno == ESRCH ? 0 : -1;  /* M is gone: not a member */
		if (cur.pgrp != self->pgrp)
			return 0;
	}
	errno = EAGAIN;
	return -1;
}

/* A PID from a /proc directory entry's name, 0 if it is not one. */
static pid_t entry_pid(const char *s)
{
	pid_t id;

	return pid_field(s, s + strlen(s), &id) ? id : 0;
}

int proc_pgrp_orphaned(const char *root, const struct proc_stat *self, bool init_is_global)
{
	struct proc_stat m;
	struct dirent *e;
	int r, saved;
	DIR *d;

	/* The usual answer costs one more read: a job of an interactive
	 * shell has the shell, in another group of the session, as parent. */
	if ((r = keeps_pgrp(root, self, self, init_is_global)) != 0)
		return r < 0 ? -1 : 0;
	if (!(d = opendir(root)))
		return -1;
	for (errno = 0; (e = readdir(d)); errno = 0) {
		pid_t pid = entry_pid(e->d_name);

		if (pid == 0 || pid == self->pid)
			continue;
		if (proc_stat_read(root, pid, &m) < 0) {
			if (errno == ESRCH)
				continue;       /* gone since readdir */
			goto fail;
		}
		if (m.pgrp != self->pgrp)
			continue;
		if ((r = keeps_pgrp(root, &m, self, init_is_global)) != 0) {
			closedir(d);
			return r < 0 ? -1 : 0;
		}
	}
	if (errno)
		goto fail;
	closedir(d);
	return 1;
fail:
	saved = errno;
	closedir(d);
	errno = saved;
	return -1;
}

/* The inode of the initial PID namespace (PROC_PID_INIT_INO of the kernel's
 * include/linux/proc_ns.h, fixed since Linux 3.8); the others get inodes
 * from 0xF0000000 up. */
#define PID_NS_INIT_INO 0xEFFFFFFCU

int proc_pidns_is_initial(void)
{
	static int cached = -2;
	struct stat sb;

	if (cached == -2)
		cached = stat("/proc/self/ns/pid", &sb) < 0 ? -1 : sb.st_ino == PID_NS_INIT_INO;
	return cached;
}

/* Whether the /proc mount hides processes (hidepid other than 0 or off):
 * 1, 0, or -1 when /proc/self/mountinfo does not say. */
static int proc_hides_pids(void)
{
	char *line = NULL, want[64];
	size_t cap = 0;
	struct stat sb;
	int hides = -1;
	FILE *f;

	if (stat("/proc", &sb) < 0 || !(f = fopen("/proc/self/mountinfo", "re")))
		return -1;
	snprintf(want, sizeof want, "%u:%u", major(sb.st_dev), minor(sb.st_dev));
	/* "36 25 0:21 / /proc rw,nosuid - proc proc rw,hidepid=invisible":
	 * the last mount of this device on /proc is the one we see. */
	while (getline(&line, &cap, f) > 0) {
		char *dev, *mnt, *sep, *fstype, *opts, *save = NULL;

		if (!strtok_r(line, " ", &save) || !strtok_r(NULL, " ", &save)
		    || !(dev = strtok_r(NULL, " ", &save)) || !strtok_r(NULL, " ", &save)
		    || !(mnt = strtok_r(NULL, " ", &save)))
			continue;
		while ((sep = strtok_r(NULL, " ", &save)) && strcmp(sep, "-"))
			;
		if (!sep || !(fstype = strtok_r(NULL, " ", &save)) || !strtok_r(NULL, " ", &save)
		    || !(opts = strtok_r(NULL, " \n", &save)))
			continue;
		if (strcmp(dev, want) || strcmp(mnt, "/proc") || strcmp(fstype, "proc"))
			continue;
		hides = 0;
		for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save))
			if (!strncmp(o, "hidepid=", 8))
				hides = strcmp(o + 8, "0") && strcmp(o + 8, "off");
	}
	free(line);
	fclose(f);
	return hides;
}

int proc_own_pgrp_orphaned(pid_t *pgrp)
{
	struct proc_stat self;
	bool global;
	int r;

	if (proc_stat_read("/proc", 0, &self) < 0)
		return -1;
	/* Numbers from the /proc of another PID namespace would not be ours,
	 * and a session or group led from outside ours shows as 0 in all. */
	if (self.pid != getpid() || self.pgrp != getpgrp() || self.session != getsid(0)
	    || self.pgrp <= 0 || self.session <= 0) {
		errno = EXDEV;
		return -1;
	}
	global = proc_pidns_is_initial() == 1;
	r = proc_pgrp_orphaned("/proc", &self, global);
	/* "Orphaned" needs every member seen; "not" needs only one. */
	if (r == 1 && proc_hides_pids() != 0) {
		errno = EACCES;
		return -1;
	}
	*pgrp = self.pgrp;
	return r;
}

static int cmp_pid(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

long proc_list(pid_t pid, pid_t **ids)
{
	char path[64];
	struct dirent *e;
	size_t n = 0, cap = 64;
	pid_t *v;
	DIR *d;

	if (pid > 0)
		snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
	else
		snprintf(path, sizeof path, "/proc");
	if (!(d = opendir(path))) {
		if (errno == ENOENT)
			errno = ESRCH;
		return -1;
	}
	v = xmalloc(cap * sizeof *v);
	while ((e = readdir(d))) {
		pid_t id = entry_pid(e->d_name);

		if (id == 0)
			continue;
		if (n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = id;
	}
	closedir(d);
	qsort(v, n, sizeof *v, cmp_pid);
	*ids = v;
	return (long)n;
}
