/* test-proc.c - /proc/PID/status and stat parsing and reading, and the
 * orphaned-group decision on fake /proc trees (core/proc.c). */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/proc.h"
#include "tap.h"

static const char sample[] =
	"Name:\tmy\\\\od\\nd name\n"
	"Umask:\t0022\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t4242\n"
	"Ngid:\t0\n"
	"Pid:\t4243\n"
	"PPid:\t1\n"
	"TracerPid:\t0\n"
	"NStgid:\t4242\t7\n"
	"NSpid:\t4243\t8\n"
	"Threads:\t2\n"
	"SigQ:\t3/63364\n"
	"SigPnd:\t0000000000000200\n"
	"ShdPnd:\t0000000000004000\n"
	"SigBlk:\t0000000400014000\n"
	"SigIgn:\t0000000000001000\n"
	"SigCgt:\t0000000180000001\n"
	"CapInh:\t0000000000000000\n"
	"Cpus_allowed_list:\t0-3\n";

static void parse_sample(void)
{
	struct proc_status st;

	ok(proc_status_parse(sample, sizeof sample - 1, &st) == 0, "the sample parses");
	ok(st.name_len == 12 && !memcmp(st.name, "my\\od\nd name", 12), "Name is unescaped: \\\\ and \\n");
	is_int(st.state, 'S', "State");
	is_int(st.tgid, 4242, "Tgid");
	is_int(st.pid, 4243, "Pid");
	is_int(st.ppid, 1, "PPid");
	is_int(st.nspid_len, 2, "NSpid has two levels");
	is_int(st.nspid[1], 8, "the innermost NSpid last");
	is_int(st.sigq_queued, 3, "SigQ queued");
	is_int(st.sigq_limit, 63364, "SigQ limit");
	ok(st.sigpnd == 0x200 && st.shdpnd == 0x4000, "SigPnd, ShdPnd");
	ok(st.sigblk == 0x400014000ULL, "SigBlk (with a real-time signal)");
	ok(st.sigign == 0x1000 && st.sigcgt == 0x180000001ULL, "SigIgn, SigCgt");
	/* without a trailing newline */
	ok(proc_status_parse(sample, sizeof sample - 2, &st) == 0, "no final newline");
}

static void parse_bad(void)
{
	struct proc_status st;
	char buf[sizeof sample + 16];
	const char *cut = strstr(sample, "SigCgt");

	errno = 0;
	ok(proc_status_parse(sample, cut - sample, &st) < 0 && errno == EBADMSG,
	   "a missing SigCgt is EBADMSG");
	snprintf(buf, sizeof buf, "%s", sample);
	memcpy(strstr(buf, "SigBlk:\t") + 8, "zz", 2);
	ok(proc_status_parse(buf, strlen(buf), &st) < 0 && errno == EBADMSG,
	   "a malformed mask is EBADMSG");
	snprintf(buf, sizeof buf, "%s", sample);
	memcpy(strstr(buf, "SigQ:\t") + 6, "3-", 2);
	ok(proc_status_parse(buf, strlen(buf), &st) < 0, "a malformed SigQ");
	snprintf(buf, sizeof buf, "%s", sample);
	memcpy(strstr(buf, "Tgid:\t") + 6, "x", 1);
	ok(proc_status_parse(buf, strlen(buf), &st) < 0, "a malformed Tgid");
	ok(proc_status_parse("", 0, &st) < 0, "an empty file");
}

static void read_self(void)
{
	struct proc_status st;
	sigset_t set;
	char comm[PROC_COMM_MAX + 1];
	long max;
	FILE *f;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	ok(proc_status_read(getpid(), 0, &st) == 0, "our own status");
	is_int(st.tgid, getpid(), "our Tgid");
	ok(st.sigblk & SIGBIT(SIGUSR2), "SigBlk shows what we block");
	ok(proc_status_read(getpid(), getpid(), &st) == 0 && st.pid == getpid(),
	   "our main thread's status under task/");
	is_int(proc_comm_read(getpid(), comm, sizeof comm), 9, "comm length");
	is_str(comm, "test-proc", "comm, without its newline");

	f = fopen("/proc/sys/kernel/pid_max", "r");
	ok(f && fscanf(f, "%ld", &max) == 1, "pid_max");
	if (f)
		fclose(f);
	errno = 0;
	ok(proc_status_read((pid_t)max + 1, 0, &st) < 0 && errno == ESRCH,
	   "no such process is ESRCH");
	ok(proc_comm_read((pid_t)max + 1, comm, sizeof comm) < 0 && errno == ESRCH,
	   "comm of no such process is ESRCH");
}

/* A kernel thread's long name, and a name made to look like more fields. */
static const char stat_sample[] =
	"4243 (a) (b) c\n) S) T 17 4242 4000 34816 4242 4194560 99 0 0 0 0 0 0 0 "
	"20 -5 3 0 1059798 3133440 416 18446744073709551615 0 0 0\n";

static void stat_parse(void)
{
	struct proc_stat st;
	char buf[sizeof stat_sample + 16];

	ok(proc_stat_parse(stat_sample, sizeof stat_sample - 1, &st) == 0,
	   "a stat line whose name holds blanks, parentheses and a newline");
	is_int(st.pid, 4243, "pid");
	is_int(st.state, 'T', "state, after the last ')'");
	is_int(st.ppid, 17, "ppid");
	is_int(st.pgrp, 4242, "pgrp");
	is_int(st.session, 4000, "session");
	is_int(st.flags, 4194560, "flags");
	is_int(st.threads, 3, "num_threads, after a negative nice");
	snprintf(buf, sizeof buf, "1 (init) S 0 1 1 0 -1 4194560 1 2 3 4 5 6 7 8 20 0 1");
	ok(proc_stat_parse(buf, strlen(buf), &st) == 0 && st.threads == 1, "no trailing newline");

	errno = 0;
	ok(proc_stat_parse(stat_sample, 60, &st) < 0 && errno == EBADMSG,
	   "cut before num_threads is EBADMSG");
	ok(proc_stat_parse("4243 S 17 4242", 14, &st) < 0, "no name");
	ok(proc_stat_parse("", 0, &st) < 0, "an empty file");
	snprintf(buf, sizeof buf, "%s", stat_sample);
	memcpy(strstr(buf, "T 17 ") + 2, "x7", 2);
	ok(proc_stat_parse(buf, strlen(buf), &st) < 0, "a malformed ppid");
	snprintf(buf, sizeof buf, "%s", stat_sample);
	memcpy(strstr(buf, "T 17 "), "TT", 2);
	ok(proc_stat_parse(buf, strlen(buf), &st) < 0, "a state of two letters");
	snprintf(buf, sizeof buf, "%s", stat_sample);
	memcpy(strstr(buf, "4000"), "-400", 4);
	ok(proc_stat_parse(buf, strlen(buf), &st) < 0, "a negative session");
}

static void stat_read_self(void)
{
	struct proc_stat st;
	struct proc_status ps = { .kthread = -1, .ppid = 0 };

	ok(proc_stat_read("/proc", 0, &st) == 0, "/proc/self/stat");
	is_int(st.pid, getpid(), "its pid");
	is_int(st.ppid, getppid(), "its ppid");
	is_int(st.pgrp, getpgrp(), "its pgrp");
	is_int(st.session, getsid(0), "its session");
	ok(st.state == 'R' && st.threads == 1, "running, one thread");
	ok(proc_stat_read("/proc", getpid(), &st) == 0 && st.pid == getpid(),
	   "/proc/PID/stat");
	is_int(proc_is_kthread(getpid(), &ps), 0,
	       "not a kernel thread, by the flags of stat (no Kthread field given)");
}

/* ---- the orphaned-group decision on a fake /proc tree */

static char root[256];

static void put(pid_t pid, char state, pid_t ppid, pid_t pgrp, pid_t sid, int threads)
{
	char path[300];
	FILE *f;

	snprintf(path, sizeof path, "%s/%d", root, (int)pid);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/%d/stat", root, (int)pid);
	if (!(f = fopen(path, "w")))
		abort();
	fprintf(f, "%d (x) y) %c %d %d %d 34816 %d 4194560 0 0 0 0 0 0 0 0 20 0 %d 0 1 2 3\n",
		(int)pid, state, (int)ppid, (int)pgrp, (int)sid, (int)pgrp, threads);
	fclose(f);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

/* A new, empty tree holding only non-PID entries, which must be skipped. */
static void fresh_tree(void)
{
	char path[300];
	const char *tmp = getenv("TMPDIR");

	if (root[0])
		nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	snprintf(root, sizeof root, "%s/test-proc.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root))
		abort();
	snprintf(path, sizeof path, "%s/sys", root);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/self", root);
	mkdir(path, 0755);
}

/* Session 100 (the shell: group 100), our group 200, and we are 201;
 * 50 is in another session. */
static int orphaned(pid_t self_ppid, bool init_is_global)
{
	struct proc_stat self = {
		.pid = 201, .state = 'R', .ppid = self_ppid, .pgrp = 200, .session = 100, .threads = 1,
	};

	put(201, 'R', self_ppid, 200, 100, 1);
	return proc_pgrp_orphaned(root, &self, init_is_global);
}

static void orphan_decision(void)
{
	char path[300];

	fresh_tree();
	put(100, 'S', 50, 100, 100, 1);
	put(50, 'S', 1, 50, 50, 1);
	put(1, 'S', 0, 1, 1, 1);
	is_int(orphaned(100, true), 0, "a job of the shell: not orphaned (our own parent)");

	put(200, 'S', 50, 200, 100, 1);
	is_int(orphaned(200, true), 1, "our parent in our group, its parent in another session: orphaned");
	put(202, 'S', 100, 200, 100, 1);
	is_int(orphaned(200, true), 0, "another member whose parent is the shell: not orphaned");
	put(202, 'Z', 100, 200, 100, 1);
	is_int(orphaned(200, true), 1, "that member a zombie: orphaned");
	put(202, 'Z', 100, 200, 100, 3);
	is_int(orphaned(200, true), 0, "a zombie leader whose threads live still counts");
	put(202, 'S', 0, 200, 100, 1);
	is_int(orphaned(200, true), 1, "a parent outside the PID namespace (PPid 0) does not count");
	put(202, 'S', 50, 200, 100, 1);
	is_int(orphaned(200, true), 1, "a parent in another session does not count");
	put(202, 'S', 203, 200, 100, 1);
	put(203, 'S', 100, 200, 100, 1);
	is_int(orphaned(200, true), 0, "a member found by the scan after one that did not count");
	put(203, 'S', 50, 300, 300, 1);
	put(202, 'S', 203, 200, 100, 1);
	is_int(orphaned(200, true), 1, "a parent in another group of another session");
	put(300, 'S', 100, 300, 100, 1);
	put(202, 'S', 300, 200, 100, 1);
	is_int(orphaned(200, true), 0, "a parent in another group of our session, not the leader's");

	/* pid 1 in our session: only the init of the initial PID namespace is
	 * passed over; a container's init counts like any parent. */
	put(1, 'S', 0, 1, 100, 1);
	put(202, 'S', 1, 200, 100, 1);
	is_int(orphaned(200, true), 1, "a parent that is the global init does not count");
	is_int(orphaned(200, false), 0, "a parent that is a namespace's init counts");
	is_int(orphaned(1, true), 1, "nor for our own parent");
	is_int(orphaned(1, false), 0, "nor for our own parent, in a namespace");

	/* When the tree cannot tell, say so. */
	fresh_tree();
	put(200, 'S', 50, 200, 100, 1);
	put(50, 'S', 1, 50, 50, 1);
	put(202, 'S', 999, 200, 100, 1);
	errno = 0;
	ok(orphaned(200, true) < 0 && errno == EAGAIN, "a parent that stays missing: cannot tell");
	put(202, 'S', 50, 200, 100, 1);
	snprintf(path, sizeof path, "%s/203", root);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/203/stat", root);
	mkdir(path, 0755);
	errno = 0;
	ok(orphaned(200, true) < 0 && errno == EISDIR, "a stat that cannot be read: cannot tell");
	rmdir(path);
	snprintf(path, sizeof path, "%s/203", root);
	rmdir(path);
	is_int(orphaned(200, true), 1, "a process gone since readdir is skipped");
	snprintf(path, sizeof path, "%s/203/stat", root);
	put(203, 'S', 50, 200, 100, 1);
	if (truncate(path, 20) < 0)
		abort();
	errno = 0;
	ok(orphaned(200, true) < 0 && errno == EBADMSG, "a malformed stat: cannot tell");
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	errno = 0;
	ok(proc_pgrp_orphaned(root, &(struct proc_stat){ .pid = 201, .ppid = 200, .pgrp = 200,
			      .session = 100 }, true) < 0 && errno == ENOENT, "no tree at all: cannot tell");
}

int main(void)
{
	parse_sample();
	parse_bad();
	read_self();
	stat_parse();
	stat_read_self();
	orphan_decision();
	return done_testing();
}
