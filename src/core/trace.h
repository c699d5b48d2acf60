/* trace.h - the kernel's signal tracepoints read with perf_event_open: one
 * ring buffer per online CPU, PERF_TYPE_TRACEPOINT events with the IDs and
 * field layouts of tracefs, and the records of every CPU passed on in the
 * kernel's time order. Knows no command line: failures come back as a
 * kind and its details, for the verb to word. */
#ifndef SIGTOOL_TRACE_H
#define SIGTOOL_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tracerec.h"

enum trace_fail {
	TRACE_OK,
	TRACE_NO_TRACEFS,       /* tracefs is mounted at none of its places */
	TRACE_NO_EVENT,         /* detail: the tracepoint's directory */
	TRACE_BAD_FORMAT,       /* detail: the file, then ": " and what is wrong */
	TRACE_DENIED,           /* perf_event_open refused (err EACCES/EPERM) */
	TRACE_NO_FILES,         /* out of descriptors (err EMFILE/ENFILE) */
	TRACE_SYSTEM,           /* another failure: detail names the call */
};

struct trace_error {
	enum trace_fail what;
	int err;                /* errno, where a call failed */
	char detail[512];
};

struct trace_opts {
	size_t ring_kib;        /* per CPU; 0: the default */
};

/* The default ring buffer per CPU, KiB. */
#define TRACE_RING_KIB_DEFAULT 4096

struct trace;

/* Everything set up and enabled, or NULL with *e filled and nothing left
 * open. The tracefs mount points tried, in order. */
extern const char *const trace_tracefs_paths[];
struct trace *trace_open(const struct trace_opts *o, struct trace_error *e);

/* A descriptor that polls readable when a ring has data to read. */
int trace_fd(const struct trace *t);
/* The number of CPUs traced. */
int trace_ncpus(const struct trace *t);

/* Take what the rings hold and pass every record up to time upto (the
 * records' times are CLOCK_MONOTONIC, mono_ns()'s clock) to cb, in
 * time order across CPUs (records of the same time in the order read);
 * later ones wait for a later call. UINT64_MAX: everything. Returns the
 * number of records passed; a malformed record is skipped and counted in
 * *bad (if given). */
size_t trace_read(struct trace *t, uint64_t upto,
		  void (*cb)(const struct trace_rec *r, void *arg), void *arg, size_t *bad);

/* Every record the kernel could not write to a ring since the start (the
 * LOST records that tell it come only once the ring has room and another
 * record is written), or UINT64_MAX where the kernel does not count them
 * (before Linux 6.0). */
uint64_t trace_lost(const struct trace *t);

/* Stop the events and free everything. */
void trace_close(struct trace *t);

/* What perf_event_open's refusal may be due to: whether sigtool has
 * CAP_PERFMON (or CAP_SYS_ADMIN, which also grants it) in its effective
 * set, and kernel.perf_event_paranoid (INT_MIN if it cannot be read). */
void trace_perm_state(bool *perfmon, int *paranoid);

#endif
