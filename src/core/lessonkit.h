/* lessonkit.h - what the lessons are made of: steps, observations read from
 * the kernel, and the lesson's child processes with their message pipes.
 * For the lesson files (lesson-*.c) and the engine (lesson.c, lessonkid.c). */
#ifndef SIGTOOL_LESSONKIT_H
#define SIGTOOL_LESSONKIT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lesson.h"
#include "sig.h"
#include "siginfo.h"

/* ---- observations: what one step saw, printed as text or JSON fields */

enum obs_kind {
	OBS_INT,        /* a number */
	OBS_BOOL,       /* yes / no */
	OBS_ERRNO,      /* "EINTR" (JSON), "EINTR (Interrupted system call)"; 0: none */
	OBS_SET,        /* a signal set: names */
	OBS_EVENT,      /* a received signal's siginfo */
	OBS_EVENTS,     /* several, in the order received */
	OBS_EXIT,       /* how a child ended (waitid's siginfo) */
	OBS_INTS,       /* a list of numbers */
	OBS_STATE,      /* a process state letter from /proc */
	OBS_DISP,       /* default / ignored / caught */
	OBS_MS,         /* a duration, ns kept, shown in milliseconds */
	OBS_NOTES,      /* sentences of the core's notes (sigproc_notes) */
};

#define OBS_LIST_MAX 8

struct obs {
	const char *key;        /* the JSON field */
	const char *label;      /* for people (N_) */
	enum obs_kind kind;
	long long i;            /* INT, BOOL, ERRNO, STATE, DISP, MS (ns) */
	sigmask64 set;
	struct sig_event ev[OBS_LIST_MAX];      /* EVENT, EVENTS */
	siginfo_t end;                          /* EXIT */
	long long v[OBS_LIST_MAX];              /* INTS */
	char (*notes)[1536];                    /* NOTES: owned, freed */
	size_t n;               /* EVENTS, INTS, NOTES */
};

#define LESSON_OBS_MAX 12
#define LESSON_KIDS 4

/* A child process of the lesson, in the lesson's process group. */
struct kid {
	pid_t pid;              /* 0: none */
	int to;                 /* write end: commands to it */
	int from;               /* read end: its messages */
	bool reaped;
};

/* A message from a child: a kind, two numbers, and a siginfo if it is
 * about a signal. Written whole by one write(2) (well under PIPE_BUF), so
 * a signal handler may send one. */
struct kid_msg {
	int what;               /* MSG_* */
	int a, b;
	long long t;            /* a duration in ns, when there is one */
	siginfo_t si;
};

enum { MSG_READY = 1, MSG_SIGNAL, MSG_RESULT, MSG_EXEC_FAILED, MSG_PID, MSG_FLAG };

struct lesson_ctx {
	const struct lesson *l;
	pid_t pgid;             /* the lesson's process group */
	struct kid kid[LESSON_KIDS];
	char dir[256];          /* a private directory (FIFOs), or "" */
	bool json;              /* observations for JSON: notes in English */
	struct obs obs[LESSON_OBS_MAX];
	size_t nobs;
};

struct lesson_step {
	const char *says;               /* what is about to happen (N_) */
	const char *const *commands;    /* the same by hand, NULL-ended */
	/* Do it and record what the kernel shows; 0, or -1 after a message. */
	int (*run)(struct lesson_ctx *c);
};

struct lesson {
	const char *name;
	const char *summary;            /* N_ */
	bool needs_root;
	/* Before the first step, or NULL; 0, or -1 after a message that says
	 * why the lesson cannot be given here. */
	int (*prepare)(struct lesson_ctx *c);
	const struct lesson_step *steps;
	size_t nsteps;
};

#define LESSON_STEPS(a) a, sizeof(a) / sizeof((a)[0])

extern const struct lesson lesson_alarm, lesson_pipe, lesson_wakeup, lesson_coalesce,
	lesson_mask, lesson_restart, lesson_inherit, lesson_chld, lesson_init;

/* Record an observation of the step being run (lesson.c). */
struct obs *obs_add(struct lesson_ctx *c, const char *key, const char *label, enum obs_kind k);
void obs_int(struct lesson_ctx *c, const char *key, const char *label, long long v);
void obs_bool(struct lesson_ctx *c, const char *key, const char *label, bool v);
void obs_errno(struct lesson_ctx *c, const char *key, const char *label, int err);
void obs_set(struct lesson_ctx *c, const char *key, const char *label, sigmask64 m);
void obs_event(struct lesson_ctx *c, const char *key, const char *label, const siginfo_t *si);
void obs_exit(struct lesson_ctx *c, const char *key, const char *label, const siginfo_t *si);
void obs_ms(struct lesson_ctx *c, const char *key, const char *label, long long ns);
void obs_state(struct lesson_ctx *c, const char *key, const char *label, char state);
void obs_disp(struct lesson_ctx *c, const char *key, const char *label, enum sig_disp d);
void obs_ints(struct lesson_ctx *c, const char *key, const char *label, const long long *v,
	      size_t n);
void obs_events(struct lesson_ctx *c, const char *key, const char *label, const siginfo_t *si,
		size_t n);
/* The core's notes on the signal state of pid (sigproc_notes). */
void obs_notes(struct lesson_ctx *c, const char *key, const char *label, pid_t pid);
/* Print the step's observations and forget them (lesson.c). */
void obs_print_text(struct lesson_ctx *c);
void obs_print_json(struct lesson_ctx *c);
void obs_clear(struct lesson_ctx *c);

/* ---- the lesson's processes (lessonkid.c) */

/* Runs in the child, with in (commands) and out (messages); the child
 * ends with _exit(0) when it returns. */
typedef void kid_fn(int in, int out, void *arg);

/* Start kid i running fn, in the lesson's group, with every signal at its
 * default action and none blocked; clone_flags (CLONE_NEWPID) or 0. 0, or
 * -1 with errno (and no message). */
int kid_start(struct lesson_ctx *c, int i, kid_fn *fn, void *arg, unsigned long clone_flags);
/* The next message of kid i, waiting at most a few seconds. 0, or -1
 * after a message (it ended, it did not answer, or the lesson is being
 * interrupted: no message then). EOF is *m->what == 0 if eof_ok. */
int kid_recv(struct lesson_ctx *c, int i, struct kid_msg *m, bool eof_ok);
/* Messages of kid i that are already there: 1 and *m, or 0 if none. */
int kid_poll(struct lesson_ctx *c, int i, struct kid_msg *m);
/* A command byte to kid i; 0 or -1 after a message. */
int kid_tell(struct lesson_ctx *c, int i, int cmd);
/* After kid_exec_cat() in kid i: 0 once the exec is done (its message
 * pipe closed), or -1 after a message. */
int kid_exec_done(struct lesson_ctx *c, int i);
/* Wait until kid i has ended and reap it into *si; 0 or -1 after a message. */
int kid_reap(struct lesson_ctx *c, int i, siginfo_t *si);
/* Wait until kid i is stopped (waitid WSTOPPED, not reaped). */
int kid_wait_stopped(struct lesson_ctx *c, int i);
/* Wait until kid i is blocked in system call nr (from /proc/PID/syscall,
 * or its state where that file cannot be read). 0 or -1 after a message. */
int kid_wait_syscall(struct lesson_ctx *c, int i, long nr);
/* A signal to a process of the lesson; 0 or -1 after a message. */
int lesson_kill(pid_t pid, int sig);
int lesson_queue(pid_t pid, int sig, int value);
/* The signal state of a process of the lesson from /proc; 0 or -1 after a
 * message. pending: of the process and of its threads together. */
struct kid_state {
	char state;
	sigmask64 blocked, pending, ignored, caught;
};
int lesson_read_state(pid_t pid, struct kid_state *st);
/* What st says of signo: default, ignored or caught. */
enum sig_disp kid_state_disp(const struct kid_state *st, int signo);
/* Whether pid is still there (a zombie counts), from /proc. */
bool lesson_proc_exists(pid_t pid);
/* A FIFO in a private directory, removed at the end: its path in path. */
int lesson_mkfifo(struct lesson_ctx *c, char *path, size_t size);

/* In a child: send a message (async-signal-safe), and wait for the next
 * command byte (the child ends if the lesson closed the pipe). */
void kid_say(int out, int what, int a, int b, long long t, const siginfo_t *si);
int kid_hear(int in);
/* In a child: replace itself with `cat` reading in, its messages pipe
 * closed by the exec (which the lesson sees as end of file); on failure
 * MSG_EXEC_FAILED. */
void kid_exec_cat(int in, int out);
/* In a child: install fn for signo with SA_SIGINFO and the given flags,
 * every signal blocked while it runs. */
void kid_handle(int signo, void (*fn)(int, siginfo_t *, void *), int flags);
/* A handler that sends the siginfo as a MSG_SIGNAL to kid_handler_fd. */
extern int kid_handler_fd;
void kid_report_handler(int signo, siginfo_t *si, void *uc);

/* Engine internals (lessonkid.c, used by lesson.c). */
int lesson_group_start(struct lesson_ctx *c);
void lesson_group_end(struct lesson_ctx *c);
/* The signal that is ending the lesson, or 0. */
int lesson_stopping(void);

#endif
