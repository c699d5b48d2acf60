/* lesson.h - live lessons on POSIX signals (`demo`): each a table of steps
 * that start real processes, do real things to them and report what the
 * kernel did. What the verb sees: the lessons, and running one. */
#ifndef SIGTOOL_LESSON_H
#define SIGTOOL_LESSON_H

#include <stdbool.h>
#include <stddef.h>

struct lesson;

/* Every lesson, in the order of `demo --list`, NULL-ended. */
extern const struct lesson *const lesson_table[];

const char *lesson_name(const struct lesson *l);
const char *lesson_summary(const struct lesson *l);     /* msgid (N_) */
bool lesson_needs_root(const struct lesson *l);
size_t lesson_nsteps(const struct lesson *l);
/* The lesson of that name, or NULL. */
const struct lesson *lesson_find(const char *name);

struct lesson_opts {
	bool json;      /* one JSON object per step (JSON Lines) */
	bool step;      /* wait for a line on standard input before each step */
};

/* Run the lesson: its processes in a process group of their own, every
 * one of them killed and reaped at the end, also when INT, TERM, HUP or
 * QUIT ends it (sigtool then dies of that signal). Returns the exit
 * status: 0, or 1 after a message when a step could not be done. */
int lesson_run(const struct lesson *l, const struct lesson_opts *o);

#endif
