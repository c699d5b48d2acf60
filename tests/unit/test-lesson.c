/* test-lesson.c - the lesson tables (every lesson and step complete, names
 * unique) and the printers of observations, as text and as JSON fields. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "core/lessonkit.h"
#include "core/out.h"
#include "core/sig.h"
#include "tap.h"
#include "capture.h"

static void test_table(void)
{
	size_t n = 0;

	for (const struct lesson *const *l = lesson_table; *l; l++, n++) {
		const struct lesson *a = *l;
		bool steps_ok = a->nsteps > 0;

		ok(lesson_find(a->name) == a, "lesson_find(\"%s\")", a->name);
		ok(a->summary && *a->summary, "%s has a summary", a->name);
		for (size_t i = 0; i < a->nsteps; i++)
			steps_ok = steps_ok && a->steps[i].says && a->steps[i].run
				   && a->steps[i].commands && a->steps[i].commands[0];
		ok(steps_ok, "%s: every step says something, has a command and an action", a->name);
		for (const struct lesson *const *m = lesson_table; *m != a; m++)
			ok(strcmp((*m)->name, a->name), "%s and %s differ", (*m)->name, a->name);
	}
	is_int(n, 9, "nine lessons");
	ok(lesson_find("nope") == NULL, "no lesson 'nope'");
	ok(lesson_find("") == NULL, "no lesson ''");
	ok(lesson_needs_root(lesson_find("init")) && !lesson_needs_root(lesson_find("mask")),
	   "init alone needs root");
}

static siginfo_t info(int signo, int code, int pid, int value, int status)
{
	siginfo_t si;

	memset(&si, 0, sizeof si);
	si.si_signo = signo;
	si.si_code = code;
	si.si_pid = pid;
	/* si_status and si_value share their bytes (CHLD or sigqueue) */
	if (signo == SIGCHLD)
		si.si_status = status;
	else
		si.si_value.sival_int = value;
	return si;
}

/* One observation of each kind, as the lessons record them. */
static void fill(struct lesson_ctx *c)
{
	siginfo_t q[2] = { info(SIGUSR1, SI_USER, 7, 0, 0), info(SIGRTMIN, SI_QUEUE, 7, 2, 0) };
	siginfo_t end = info(SIGCHLD, CLD_KILLED, 42, 0, SIGPIPE);
	long long v[] = { 1, 2, 3 };

	obs_int(c, "n", "n", -1);
	obs_bool(c, "b", "b", true);
	obs_errno(c, "e", "e", EINTR);
	obs_errno(c, "e0", "e0", 0);
	obs_set(c, "s", "s", SIGBIT(SIGHUP) | SIGBIT(SIGUSR2));
	obs_event(c, "ev", "ev", &q[0]);
	obs_events(c, "evs", "evs", q, 2);
	obs_exit(c, "x", "x", &end);
	obs_ints(c, "v", "v", v, 3);
	obs_state(c, "st", "st", 'Z');
	obs_disp(c, "d", "d", DISP_IGNORED);
	obs_ms(c, "ms", "ms", 200500000);
}

static void test_json(void)
{
	struct lesson_ctx c;

	memset(&c, 0, sizeof c);
	fill(&c);
	cap_begin();
	obs_print_json(&c);
	is_str(cap_end(),
	       ",\"n\":-1,\"b\":true,\"e\":\"EINTR\",\"e0\":null,\"s\":[\"HUP\",\"USR2\"],"
	       "\"ev\":{\"signo\":10,\"name\":\"USR1\",\"code\":\"SI_USER\",\"pid\":7,\"uid\":0,"
	       "\"value\":null,\"status\":null},"
	       "\"evs\":[{\"signo\":10,\"name\":\"USR1\",\"code\":\"SI_USER\",\"pid\":7,\"uid\":0,"
	       "\"value\":null,\"status\":null},{\"signo\":34,\"name\":\"RTMIN\",\"code\":\"SI_QUEUE\","
	       "\"pid\":7,\"uid\":0,\"value\":2,\"status\":null}],"
	       "\"x\":{\"pid\":42,\"code\":\"CLD_KILLED\",\"status\":13,\"shell_status\":141},"
	       "\"v\":[1,2,3],\"st\":\"Z\",\"d\":\"ignored\",\"ms\":200.500",
	       "every kind of observation as JSON fields");
	obs_clear(&c);
	is_int(c.nobs, 0, "obs_clear forgets them");
}

static void test_text(void)
{
	struct lesson_ctx c;

	memset(&c, 0, sizeof c);
	fill(&c);
	cap_begin();
	obs_print_text(&c);
	is_str(cap_end(),
	       "    n:    -1\n"
	       "    b:    yes\n"
	       "    e:    EINTR (Interrupted system call)\n"
	       "    e0:   none\n"
	       "    s:    HUP,USR2\n"
	       "    ev:   USR1 code=SI_USER pid=7 uid=0\n"
	       "    evs:  USR1 code=SI_USER pid=7 uid=0; RTMIN code=SI_QUEUE pid=7 uid=0 value=2\n"
	       "    x:    was killed by signal PIPE ($? = 141)\n"
	       "    v:    1, 2, 3\n"
	       "    st:   Z (zombie)\n"
	       "    d:    ignored\n"
	       "    ms:   200.5 ms\n",
	       "every kind of observation as aligned text");
	obs_clear(&c);
}

int main(void)
{
	test_table();
	test_json();
	test_text();
	return done_testing();
}
