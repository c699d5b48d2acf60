/* tracerec.c - decoding the records of a perf ring buffer opened on the
 * signal tracepoints with PERF_SAMPLE_TID | TIME | CPU | RAW and
 * sample_id_all. */
#include "config.h"

#include <linux/perf_event.h>
#include <string.h>

#include "i18n.h"
#include "tracerec.h"

const uint64_t trace_sample_type = PERF_SAMPLE_TID | PERF_SAMPLE_TIME | PERF_SAMPLE_CPU
				   | PERF_SAMPLE_RAW;

/* sample_id_all's trailer of the non-sample records, for this sample_type */
struct id_trailer {
	uint32_t pid, tid;
	uint64_t time;
	uint32_t cpu, res;
};

static int need(const struct tracefmt *f, const char *tp, const char *name, bool is_int,
		struct tracefmt_field *out, struct perr *e)
{
	const struct tracefmt_field *fl = tracefmt_find(f, name);

	if (!fl)
		return perr_set(e, _("the format of signal:%s has no field '%s'"), tp, name);
	if (is_int && fl->size != 1 && fl->size != 2 && fl->size != 4 && fl->size != 8)
		return perr_set(e, _("field '%s' of signal:%s has a size of %u bytes"), name, tp,
				fl->size);
	*out = *fl;
	return 0;
}

int trace_layout_init(struct trace_layout *l, const struct tracefmt *g,
		      const struct tracefmt *d, struct perr *e)
{
	const char *gn = "signal_generate", *dn = "signal_deliver";
	struct tracefmt_field dtype;

	if (need(g, gn, "common_type", true, &l->type, e) < 0
	    || need(d, dn, "common_type", true, &dtype, e) < 0
	    || need(g, gn, "sig", true, &l->g_sig, e) < 0
	    || need(g, gn, "errno", true, &l->g_errno, e) < 0
	    || need(g, gn, "code", true, &l->g_code, e) < 0
	    || need(g, gn, "comm", false, &l->g_comm, e) < 0
	    || need(g, gn, "pid", true, &l->g_pid, e) < 0
	    || need(g, gn, "group", true, &l->g_group, e) < 0
	    || need(g, gn, "result", true, &l->g_result, e) < 0
	    || need(d, dn, "sig", true, &l->d_sig, e) < 0
	    || need(d, dn, "errno", true, &l->d_errno, e) < 0
	    || need(d, dn, "code", true, &l->d_code, e) < 0
	    || need(d, dn, "sa_handler", true, &l->d_handler, e) < 0
	    || need(d, dn, "sa_flags", true, &l->d_flags, e) < 0)
		return -1;
	if (dtype.offset != l->type.offset || dtype.size != l->type.size)
		return perr_set(e, _("the two signal tracepoints place common_type apart"));
	return 0;
}

static int get_int(const struct tracefmt_field *f, const void *raw, size_t n, int *v)
{
	int64_t x;

	if (tracefmt_int(f, raw, n, &x) < 0)
		return -1;
	*v = (int)x;
	return 0;
}

static int decode_generate(const struct trace_layout *l, const void *raw, size_t n,
			   struct trace_rec *r)
{
	const struct tracefmt_field *c = &l->g_comm;
	size_t cn = c->size < TRACE_COMM_MAX - 1 ? c->size : TRACE_COMM_MAX - 1;
	int target, group;

	r->type = TREC_GENERATE;
	if (get_int(&l->g_sig, raw, n, &r->sig) < 0 || get_int(&l->g_errno, raw, n, &r->err) < 0
	    || get_int(&l->g_code, raw, n, &r->code) < 0 || get_int(&l->g_pid, raw, n, &target) < 0
	    || get_int(&l->g_group, raw, n, &group) < 0
	    || get_int(&l->g_result, raw, n, &r->u.gen.result) < 0
	    || c->offset > n || c->size > n - c->offset)
		return -1;
	r->u.gen.tid = target;
	r->u.gen.group = group != 0;
	memcpy(r->u.gen.comm, (const char *)raw + c->offset, cn);
	r->u.gen.comm[cn] = '\0';
	return 0;
}

static int decode_deliver(const struct trace_layout *l, const void *raw, size_t n,
			  struct trace_rec *r)
{
	int64_t h, f;

	r->type = TREC_DELIVER;
	if (get_int(&l->d_sig, raw, n, &r->sig) < 0 || get_int(&l->d_errno, raw, n, &r->err) < 0
	    || get_int(&l->d_code, raw, n, &r->code) < 0
	    || tracefmt_int(&l->d_handler, raw, n, &h) < 0
	    || tracefmt_int(&l->d_flags, raw, n, &f) < 0)
		return -1;
	r->u.del.handler = (uint64_t)h;
	r->u.del.flags = (uint64_t)f;
	return 0;
}

/* A sample: { u32 pid, tid; u64 time; u32 cpu, res; u32 size; u8 raw[size] } */
static int decode_sample(const struct trace_layout *l, const unsigned char *p, size_t len,
			 struct trace_rec *r)
{
	struct { uint32_t pid, tid; uint64_t time; uint32_t cpu, res, size; } s;
	const unsigned char *raw = p + sizeof(struct perf_event_header) + 28;
	int type;

	if (len < sizeof(struct perf_event_header) + 28)
		return -1;
	memcpy(&s, p + sizeof(struct perf_event_header), 28);
	if (s.size > len - sizeof(struct perf_event_header) - 28)
		return -1;
	r->pid = (pid_t)s.pid;
	r->tid = (pid_t)s.tid;
	r->time = s.time;
	r->cpu = s.cpu;
	if (get_int(&l->type, raw, s.size, &type) < 0)
		return -1;
	if (type == l->gen_id)
		return decode_generate(l, raw, s.size, r);
	if (type == l->del_id)
		return decode_deliver(l, raw, s.size, r);
	r->type = TREC_OTHER;
	return 0;
}

static void copy_comm(char out[TRACE_COMM_MAX], const unsigned char *p, size_t n)
{
	size_t k = n < TRACE_COMM_MAX - 1 ? n : TRACE_COMM_MAX - 1;

	memcpy(out, p, k);
	out[k] = '\0';
}

/* The body of a non-sample record (after the header, before the trailer). */
static int decode_other(const struct perf_event_header *h, const unsigned char *b, size_t n,
			struct trace_rec *r)
{
	uint32_t v[4];

	switch (h->type) {
	case PERF_RECORD_COMM:
		if (n < 8)
			return -1;
		memcpy(v, b, 8);
		r->type = TREC_COMM;
		r->pid = (pid_t)v[0];
		r->tid = (pid_t)v[1];
		copy_comm(r->u.comm.comm, b + 8, n - 8);
		r->u.comm.exec = h->misc & PERF_RECORD_MISC_COMM_EXEC;
		return 0;
	case PERF_RECORD_FORK:
	case PERF_RECORD_EXIT:
		if (n < 16)
			return -1;
		memcpy(v, b, 16);
		r->type = h->type == PERF_RECORD_FORK ? TREC_FORK : TREC_EXIT;
		r->pid = (pid_t)v[0];
		r->u.fork.ppid = (pid_t)v[1];
		r->tid = (pid_t)v[2];
		r->u.fork.ptid = (pid_t)v[3];
		return 0;
	case PERF_RECORD_LOST:
		if (n < 16)
			return -1;
		r->type = TREC_LOST;
		memcpy(&r->u.lost, b + 8, 8);
		return 0;
	default:
		r->type = TREC_OTHER;
		return 0;
	}
}

int trace_rec_decode(const struct trace_layout *l, const void *p, size_t len,
		     struct trace_rec *r)
{
	struct perf_event_header h;
	struct id_trailer t;

	memset(r, 0, sizeof *r);
	if (len < sizeof h)
		return -1;
	memcpy(&h, p, sizeof h);
	if (h.size < sizeof h || h.size > len)
		return -1;
	if (h.type == PERF_RECORD_SAMPLE)
		return decode_sample(l, p, h.size, r);
	if (h.size < sizeof h + sizeof t)
		return -1;
	memcpy(&t, (const unsigned char *)p + h.size - sizeof t, sizeof t);
	r->time = t.time;
	r->cpu = t.cpu;
	r->pid = (pid_t)t.pid;
	r->tid = (pid_t)t.tid;
	return decode_other(&h, (const unsigned char *)p + sizeof h, h.size - sizeof h - sizeof t, r);
}
