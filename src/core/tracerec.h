/* tracerec.h - one record of a perf ring buffer, decoded: a sample of the
 * signal_generate or signal_deliver tracepoint, or one of the COMM, FORK,
 * EXIT and LOST records that keep the names of tasks and the count of what
 * was lost. A pure function over bytes, for trace.c and the fuzzer. */
#ifndef SIGTOOL_TRACEREC_H
#define SIGTOOL_TRACEREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "parse.h"
#include "tracefmt.h"

/* The kernel's task names: 15 bytes and a NUL. */
#define TRACE_COMM_MAX 16

/* Where the fields of the two tracepoints are, from their format files. */
struct trace_layout {
	int gen_id, del_id;             /* the tracepoints' IDs */
	struct tracefmt_field type;     /* common_type: which tracepoint */
	struct tracefmt_field g_sig, g_errno, g_code, g_comm, g_pid, g_group, g_result;
	struct tracefmt_field d_sig, d_errno, d_code, d_handler, d_flags;
};

/* The layout from the two parsed format files; -1 with a message naming
 * the tracepoint and the field that is missing or of an unusable size. */
int trace_layout_init(struct trace_layout *l, const struct tracefmt *gen,
		      const struct tracefmt *del, struct perr *e);

/* signal_generate's result */
enum trace_result {
	TRES_DELIVERED, TRES_IGNORED, TRES_PENDING, TRES_OVERFLOW, TRES_LOST_INFO,
};

enum trace_rec_type {
	TREC_OTHER,             /* a record of no interest (skipped) */
	TREC_GENERATE, TREC_DELIVER, TREC_COMM, TREC_FORK, TREC_EXIT, TREC_LOST,
};

struct trace_rec {
	enum trace_rec_type type;
	uint64_t time;          /* ns, the clock the events were opened with */
	uint32_t cpu;
	uint64_t seq;           /* the order it was read in (trace.c) */
	/* GENERATE, DELIVER: the task it happened in (the sender's, the
	 * receiver's); COMM, FORK, EXIT: the task the record is about. */
	pid_t pid, tid;
	int sig, err, code;     /* GENERATE, DELIVER */
	union {
		struct {
			pid_t tid;      /* the target task */
			bool group;     /* to the whole process, not one thread */
			int result;     /* enum trace_result, or another number */
			char comm[TRACE_COMM_MAX];      /* the target's, NUL-ended */
		} gen;
		struct {
			uint64_t handler;       /* 0 SIG_DFL, 1 SIG_IGN, else a handler */
			uint64_t flags;         /* sa_flags */
		} del;
		struct {
			char comm[TRACE_COMM_MAX];      /* NUL-ended */
			bool exec;              /* the name changed by an execve */
		} comm;
		struct {
			pid_t ppid, ptid;       /* FORK: the forking task */
		} fork;
		uint64_t lost;          /* LOST: how many records */
	} u;
};

/* The sample_type the events must be opened with for this decoder, and
 * the part of it that sample_id_all appends to the other records. */
extern const uint64_t trace_sample_type;

/* Decode the record at p (len bytes, its header included). 0, or -1 for a
 * record that is malformed (sizes that do not fit, a sample of another
 * tracepoint is TREC_OTHER, not an error). */
int trace_rec_decode(const struct trace_layout *l, const void *p, size_t len,
		     struct trace_rec *r);

#endif
