/* test-select.c - the selection engine: what sel_prepare() refuses and
 * which selector it names, and sel_run() on children this test forks with
 * names of its own (by name, parent, group, newest, inverse, never the
 * test itself), then sel_alive() once one of them has been reaped. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/parse.h"
#include "core/select.h"
#include "tap.h"

static void refused(struct sel s, int want, enum sel_part part, const char *word, const char *what)
{
	struct perr e = { 0 };
	int rc = sel_prepare(&s, &e);

	ok(rc == want && s.failed == part, "%s: refused (%d), selector %d", what, rc, (int)s.failed);
	ok(strstr(e.msg, word) != NULL, "  the message names '%s': %s", word, e.msg);
	sel_free(&s, NULL, 0);
}

static void test_prepare(void)
{
	struct sel s = { 0 };

	ok(!sel_active(&s), "nothing given: not active");
	ok(sel_active(&(struct sel){ .pattern = "x" }), "a pattern: active");
	s.pgid.n = 1;
	ok(sel_active(&s), "a process group: active");
	refused((struct sel){ .pattern = "" }, SEL_BAD, SEL_P_NAME, "empty pattern", "empty pattern");
	refused((struct sel){ .pattern = "a(" }, SEL_BAD, SEL_P_NAME, "'a('", "malformed regex");
	refused((struct sel){ .tty = "zqnotty" }, SEL_BAD, SEL_P_TERMINAL, "'zqnotty'", "terminal");
	refused((struct sel){ .runstates = "SQ" }, SEL_BAD, SEL_P_RUNSTATES, "'Q'", "state");
	refused((struct sel){ .tree = 0x7ffffff0 }, SEL_ABSENT, SEL_P_TREE, "2147483632", "tree");
	refused((struct sel){ .ns = getpid(), .nslist = "pid,zq" }, SEL_BAD, SEL_P_NSLIST, "'zq'",
		"namespace list");
	refused((struct sel){ .ns = 0x7ffffff0 }, SEL_ABSENT, SEL_P_NS, "2147483632", "ns");
	refused((struct sel){ .cgroup = "" }, SEL_BAD, SEL_P_CGROUP, "empty cgroup", "cgroup");
}

/* A child named NAME that waits to be killed; returns once it has its name. */
static pid_t child(const char *name)
{
	int p[2];
	char c;
	pid_t pid;

	if (pipe(p) < 0 || (pid = fork()) < 0)
		abort();
	if (pid == 0) {
		prctl(PR_SET_NAME, name);
		if (write(p[1], "", 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1)
		abort();
	close(p[0]);
	return pid;
}

/* The PIDs sel_run() gives for s, sorted by the engine (ascending). */
static long run(struct sel s, pid_t *out, char names[][PROC_COMM_MAX + 1])
{
	struct perr e;
	struct sel_match *m;
	long n;

	if (sel_prepare(&s, &e) < 0 || (n = sel_run(&s, &m)) < 0)
		return -1;
	for (long i = 0; i < n && i < 4; i++) {
		out[i] = m[i].pid;
		if (names)
			memcpy(names[i], m[i].name, sizeof m[i].name);
	}
	sel_free(&s, m, n);
	return n;
}

static void test_run(void)
{
	pid_t a = child("zqunitA"), b = child("zqunitB"), got[4];
	char names[4][PROC_COMM_MAX + 1];
	struct idlist l = { 0 };

	is_int(run((struct sel){ .pattern = "^zqunit[AB]$" }, got, names), 2, "by name: both");
	ok(got[0] == a && got[1] == b, "  their PIDs, in order");
	is_str(names[1], "zqunitB", "  and their names");
	is_int(run((struct sel){ .pattern = "unita", .icase = true }, got, NULL), 1, "ignoring case");
	is_int(run((struct sel){ .pattern = "zqunit", .exact = true }, got, NULL), 0, "exact: none");
	idlist_add(&l, (unsigned)getpid());
	is_int(run((struct sel){ .pattern = "^zqunit", .ppid = l }, got, NULL), 2, "children of ours");
	l = (struct idlist){ 0 };
	idlist_add(&l, 0x7ffffff0);
	idlist_add(&l, (unsigned)getpgrp());
	is_int(run((struct sel){ .pattern = "^zqunit", .pgid = l }, got, NULL), 2, "in our group");
	l = (struct idlist){ 0 };
	idlist_add(&l, 0x7ffffff0);
	is_int(run((struct sel){ .pattern = "^zqunit", .pgid = l }, got, NULL), 0,
	       "in another group: none");
	is_int(run((struct sel){ .pattern = "^zqunit", .newest = true }, got, NULL), 1, "newest: one");
	ok(got[0] == b, "  the second child");
	is_int(run((struct sel){ .pattern = "^zqunit", .oldest = true }, got, NULL), 1, "oldest: one");
	ok(got[0] == a, "  the first child");
	is_int(run((struct sel){ .tree = getpid(), .pattern = "^zqunit" }, got, NULL), 2,
	       "our tree holds both");
	is_int(run((struct sel){ .pattern = "^test-select$" }, got, NULL), 0, "never the test itself");
	is_int(run((struct sel){ .pattern = "^zqunitA$", .runstates = "S" }, got, NULL), 1,
	       "sleeping: state S");
	kill(a, SIGKILL);
	kill(b, SIGKILL);
	waitpid(a, NULL, 0);
	waitpid(b, NULL, 0);
}

static void test_alive(void)
{
	pid_t a = child("zqaliveA"), b = child("zqaliveB");
	struct sel s = { .pattern = "^zqalive" };
	struct sel_match *m = NULL;
	struct perr e;
	long n = 0;

	ok(sel_prepare(&s, &e) == 0 && (n = sel_run(&s, &m)) == 2, "two matches");
	if (n != 2)
		abort();
	kill(a, SIGKILL);
	waitpid(a, NULL, 0);
	ok(m[0].pid == a && (m[0].fd < 0 || !sel_alive(&m[0])), "the reaped one is no more alive");
	ok(sel_alive(&m[1]), "the other one is");
	kill(b, SIGKILL);
	ok(sel_alive(&m[1]), "a zombie still holds its PID: alive");
	waitpid(b, NULL, 0);
	ok(m[1].fd < 0 || !sel_alive(&m[1]), "reaped: not alive");
	sel_free(&s, m, n);
}

int main(void)
{
	test_prepare();
	test_run();
	test_alive();
	return done_testing();
}
