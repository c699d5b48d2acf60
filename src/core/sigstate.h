/* sigstate.h - the signal state of a process as mask, pending and status
 * show it: dispositions, blocked and pending sets of the process and of
 * each thread, signal sets as names, the notes where Linux rules change
 * what a signal does, and the /proc scan behind --all. */
#ifndef SIGTOOL_SIGSTATE_H
#define SIGTOOL_SIGSTATE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "proc.h"
#include "text.h"
#include "sig.h"
#include "sigset.h"


struct sigthread {
	pid_t tid;
	char name[64];          /* raw bytes, as proc_status keeps them */
	size_t name_len;
	sigmask64 blocked, pending;     /* SigBlk, SigPnd of the thread */
};

struct sigproc {
	pid_t pid;
	struct proc_status st;  /* /proc/PID/status: the thread-group leader */
	bool kthread;
	size_t nthreads;
	struct sigthread *threads;      /* every thread, by TID; at least one */
	sigmask64 thread_pending;       /* SigPnd of all threads together */
};

/* Read the state of process pid and of all its threads (the task
 * directory is read only when there is more than one thread). Returns 0,
 * or -1 with errno as proc_status_read(). Free with sigproc_free(). */
int sigproc_read(pid_t pid, struct sigproc *p);
void sigproc_free(struct sigproc *p);

/* Why pid could not be read, as a message for people: errno err as
 * sigproc_read() gave it, told apart from a /proc mounted with hidepid
 * (the process exists, kill(pid, 0) says so, but /proc hides it). */
const char *sigproc_strerror(pid_t pid, int err, char *buf, size_t size);

/* The processes pids[0 .. n) (n == 0: the parent process, i.e. the
 * calling shell) are read and given to fn in turn. One that cannot be read
 * gets its warning and the others are still shown. Returns EXIT_SUCCESS,
 * or EXIT_FAILURE if a process could not be read. */
int sigproc_each(size_t n, const pid_t *pids,
		 void (*fn)(const struct sigproc *p, void *arg), void *arg);

enum sig_disp sigproc_disp(const struct sigproc *p, int signo);
/* Pending anywhere: for the process (ShdPnd) or for one of its threads. */
sigmask64 sigproc_pending(const struct sigproc *p);
/* Not default, blocked or pending: worth a line in the compact view. */
bool sigproc_interesting(const struct sigproc *p, int signo);

/* "sleeping" for 'S' and so on, translated; "unknown" for a new letter. */
const char *proc_state_text(char state);

/* Room for a process or thread name made safe for people (text_clean). */
#define NAME_TEXT_MAX TEXT_CLEAN_SIZE(sizeof ((struct proc_status *)0)->name)

/* The head of a process's JSON object, '{"pid":N,"name":"..."', the same
 * in mask, pending and status; *first is then false for the next json_key. */
void json_sigproc_head(const struct sigproc *p, bool *first);
/* "threads": [{tid, name, blocked, pending}], with the sets asked for. */
void json_threads(const struct sigproc *p, bool blocked, bool pending);
/* Notes where Linux rules change what signals do to this process: a
 * PID-namespace init, a zombie, a kernel thread, a stopped or traced
 * process, signals pending behind a block. Each is written to notes[i]
 * (translated for people, or in English for JSON); returns the count. */
#define SIGNOTE_MAX 8
#define SIGNOTE_LEN 1536
size_t sigproc_notes(const struct sigproc *p, bool translate,
		     char notes[][SIGNOTE_LEN], size_t max);

/* Filters of --all: a process matches when it has every signal of each
 * set in that state; any_pending asks for something pending at all. */
struct sigfilter {
	sigmask64 blocked, ignored, caught, pending;
	bool any_pending;
	bool skip_kthreads;     /* leave kernel threads out */
};

bool sigfilter_match(const struct sigfilter *f, const struct sigproc *p);

/* Every process of /proc that matches f, in PID order, to fn; processes
 * that vanish or that /proc does not let us read are skipped silently.
 * Returns how many matched, or -1 with errno if /proc cannot be listed. */
long sigscan_all(const struct sigfilter *f,
		 void (*fn)(const struct sigproc *p, void *arg), void *arg);

#endif
