/* traceview.h - what `trace` makes of the records: the tasks' names kept
 * up to date, the processes followed through fork, the filters, one line
 * (text or JSON) per event shown, and the counts of the summary. */
#ifndef SIGTOOL_TRACEVIEW_H
#define SIGTOOL_TRACEVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sig.h"
#include "tracerec.h"
#include "tracetask.h"

struct trace_view_opts {
	sigmask64 signals;      /* only these signals; 0: every one */
	const pid_t *senders;   /* only what these processes send (and its
				   deliveries); NULL: any sender */
	size_t nsenders;
	bool only_tracked;      /* only signals to or from tracked processes */
	bool follow;            /* new children of a tracked process are tracked */
	bool no_deliveries;     /* generation events only */
	bool json;              /* JSON Lines, else text */
	uint64_t t0;            /* time 0 of the printed times (mono_ns(), the clock of the records) */
	uint64_t count;         /* stop after this many events; 0: no limit */
};

/* Where a signal came from, as the generate event lets us tell. */
enum trace_origin {
	TORIG_PROCESS,          /* a process sent it: the task it ran in */
	TORIG_KERNEL_FOR,       /* the kernel, for the task it ran in (a fault,
				   a write to a closed pipe, a child's exit) */
	TORIG_KERNEL,           /* the kernel, in whatever task was running
				   (timers, the OOM killer, the terminal) */
};
enum trace_origin trace_origin(const struct trace_rec *r);

struct trace_view {
	struct trace_view_opts o;
	struct trace_tasks tasks;
	uint64_t shown, generated, delivered, lost;
	uint64_t by_sig[65];
	bool done;              /* count reached */
	struct tv_owed *owed;   /* deliveries owed to shown generations (--sender) */
	size_t owed_cap, owed_n;
};

void tview_init(struct trace_view *v, const struct trace_view_opts *o);
void tview_free(struct trace_view *v);

/* Every task now alive, from /proc. */
void tview_seed(struct trace_view *v);
/* Trace the signals to and from process pid (and, with follow, of its
 * children to come). */
void tview_track(struct trace_view *v, pid_t pid);

/* One record, in time order (the callback of trace_read). LOST records are
 * counted and reported on stderr at once. */
void tview_record(const struct trace_rec *r, void *view);

/* The one-line summary on stderr: events shown, lost, by signal. */
void tview_summary(const struct trace_view *v);

#endif
