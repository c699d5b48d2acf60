/* proc.c - the signal state of a process or thread from /proc, one read(2)
 * into a buffer and no stdio, so that reading thousands stays cheap. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
		*(KEY("Threads") ? &st->threads : &st->kthread) = (int)n;
		return 0;
	}
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

/* Read a small /proc file whole; ENOENT means the process is gone. */
static ssize_t read_small(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	ssize_t n;

	if (fd < 0) {
		if (errno == ENOENT)
			errno = ESRCH;
		return -1;
	}
	do
		n = read(fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
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
	if ((n = read_small(path, buf, sizeof buf)) < 0)
		return -1;
	return proc_status_parse(buf, n, st);
}

int proc_comm_read(pid_t pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/comm", (int)pid);
	if ((n = read_small(path, buf, size - 1)) < 0)
		return -1;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	return (int)n;
}

/* PF_KTHREAD in include/linux/sched.h */
#define PF_KTHREAD 0x00200000UL

int proc_is_kthread(pid_t pid, const struct proc_status *st)
{
	char path[64], buf[1024];
	const char *p;
	unsigned long long flags = 0;
	ssize_t n;

	if (st->kthread >= 0)
		return st->kthread;
	if (st->ppid != 0 && st->ppid != 2)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	if ((n = read_small(path, buf, sizeof buf - 1)) < 0)
		return -1;
	buf[n] = '\0';
	/* "pid (comm) state ppid pgrp session tty_nr tpgid flags ...": the
	 * name may hold blanks and parentheses, so count from the last ')'. */
	if (!(p = strrchr(buf, ')')))
		goto bad;
	for (int field = 3; field <= 9; field++) {
		while (*p && *p != ' ')
			p++;
		while (*p == ' ')
			p++;
		if (!*p)
			goto bad;
	}
	for (; c_isdigit(*p); p++)
		flags = flags * 10 + (*p - '0');
	return (flags & PF_KTHREAD) != 0;
bad:
	errno = EBADMSG;
	return -1;
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
		const char *s = e->d_name;
		long long id = 0;

		if (!c_isdigit(*s))
			continue;
		for (; c_isdigit(*s) && id <= 0x7fffffff; s++)
			id = id * 10 + (*s - '0');
		if (*s || id > 0x7fffffff || id == 0)
			continue;
		if (n == cap)
			v = xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = (pid_t)id;
	}
	closedir(d);
	qsort(v, n, sizeof *v, cmp_pid);
	*ids = v;
	return (long)n;
}
