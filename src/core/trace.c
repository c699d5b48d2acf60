/* trace.c - perf_event_open on signal:signal_generate and
 * signal:signal_deliver, one ring buffer per online CPU (the deliver event
 * writes into the generate event's ring), COMM/FORK/EXIT records on the
 * same rings, and a merge of the rings in the kernel's time order. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <linux/capability.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"
#include "tracefmt.h"
#include "util.h"

#ifndef PERF_FORMAT_LOST
# define PERF_FORMAT_LOST (1U << 4)     /* Linux 6.0 */
#endif
#ifndef TRACEFS_MAGIC
# define TRACEFS_MAGIC 0x74726163
#endif

const char *const trace_tracefs_paths[] = {
	"/sys/kernel/tracing", "/sys/kernel/debug/tracing", NULL,
};

/* Records read from one ring and not passed on yet: in time order, since
 * a ring is written in time order. */
struct queue {
	struct trace_rec *q;
	size_t head, n, cap;            /* live records: q[head..n) */
};

struct ring {
	int gen, del;                   /* the two events of one CPU */
	struct queue pend;
	struct perf_event_mmap_page *meta;
	unsigned char *data;
	size_t size;                    /* of data, a power of two */
};

struct trace {
	struct trace_layout lay;
	int ncpu, epfd;
	struct ring *rings;
	size_t map_size;
	unsigned char *tmp;             /* a record that wraps the ring */
	size_t tmp_size;
	uint64_t seq;                   /* records read so far */
	bool lost_fmt;                  /* the events count what they lose */
};

static int fail(struct trace_error *e, enum trace_fail what, int err, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct trace_error *e, enum trace_fail what, int err, const char *fmt, ...)
{
	va_list ap;

	e->what = what;
	e->err = err;
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof e->detail, fmt, ap);
	va_end(ap);
	return -1;
}

/* The first place where tracefs is mounted, or NULL. */
static const char *tracefs_dir(void)
{
	struct statfs sf;

	for (const char *const *p = trace_tracefs_paths; *p; p++)
		if (statfs(*p, &sf) == 0 && (unsigned long)sf.f_type == TRACEFS_MAGIC)
			return *p;
	return NULL;
}

/* events/signal/NAME/id and format: its ID and its parsed format. */
static int read_event(const char *dir, const char *name, int *id, struct tracefmt *f,
		      struct trace_error *e)
{
	char path[256], buf[8192];
	struct perr pe;
	ssize_t n;

	snprintf(path, sizeof path, "%s/events/signal/%s/id", dir, name);
	if ((n = read_small(path, buf, sizeof buf - 1)) < 0) {
		if (errno == ENOENT)
			return fail(e, TRACE_NO_EVENT, errno, "%s/events/signal/%s", dir, name);
		return fail(e, TRACE_SYSTEM, errno, "%s", path);
	}
	buf[n] = '\0';
	*id = atoi(buf);
	snprintf(path, sizeof path, "%s/events/signal/%s/format", dir, name);
	if ((n = read_small(path, buf, sizeof buf)) < 0)
		return fail(e, errno == ENOENT ? TRACE_NO_EVENT : TRACE_SYSTEM, errno, "%s", path);
	if (tracefmt_parse(buf, (size_t)n, f, &pe) < 0)
		return fail(e, TRACE_BAD_FORMAT, 0, "%s: %s", path, pe.msg);
	if (*id <= 0 || (f->id >= 0 && f->id != *id))
		return fail(e, TRACE_BAD_FORMAT, 0, "%s: ID %d, %s says %d", path, f->id,
			    "id", *id);
	return 0;
}

static int load_layout(struct trace_layout *l, struct trace_error *e)
{
	const char *dir = tracefs_dir();
	struct tracefmt g, d;
	struct perr pe;

	if (!dir)
		return fail(e, TRACE_NO_TRACEFS, 0, "%s", trace_tracefs_paths[0]);
	if (read_event(dir, "signal_generate", &l->gen_id, &g, e) < 0
	    || read_event(dir, "signal_deliver", &l->del_id, &d, e) < 0)
		return -1;
	if (trace_layout_init(l, &g, &d, &pe) < 0)
		return fail(e, TRACE_BAD_FORMAT, 0, "%s/events/signal: %s", dir, pe.msg);
	return 0;
}

/* The online CPUs ("0-3,6"), in cpus (at most max); their count, or -1. */
static int online_cpus(int *cpus, int max)
{
	char buf[4096], *p = buf, *end;
	ssize_t n = read_small("/sys/devices/system/cpu/online", buf, sizeof buf - 1);
	int count = 0;

	if (n <= 0) {
		long k = sysconf(_SC_NPROCESSORS_ONLN);
		for (int i = 0; i < k && i < max; i++)
			cpus[count++] = i;
		return count ? count : -1;
	}
	buf[n] = '\0';
	while (*p && *p != '\n') {
		long a = strtol(p, &end, 10), b = a;
		if (end == p)
			return -1;
		if (*end == '-')
			b = strtol(end + 1, &end, 10);
		for (long c = a; c <= b && count < max; c++)
			cpus[count++] = (int)c;
		p = *end == ',' ? end + 1 : end;
	}
	return count;
}

static int perf_open(struct perf_event_attr *a, int cpu, int group)
{
	return (int)syscall(SYS_perf_event_open, a, -1, cpu, group, PERF_FLAG_FD_CLOEXEC);
}

static int open_fail(struct trace_error *e, int err, const char *what, int cpu)
{
	if (err == EACCES || err == EPERM)
		return fail(e, TRACE_DENIED, err, "perf_event_open");
	if (err == EMFILE || err == ENFILE)
		return fail(e, TRACE_NO_FILES, err, "perf_event_open");
	return fail(e, TRACE_SYSTEM, err, "perf_event_open (%s, CPU %d)", what, cpu);
}

/* The two events of one CPU; the generate one also brings the COMM, FORK
 * and EXIT records, and its ring takes the deliver event's samples. */
static int open_ring(struct trace *t, struct ring *r, int cpu, size_t watermark,
		     struct trace_error *e)
{
	struct perf_event_attr a;

	memset(&a, 0, sizeof a);
	a.size = sizeof a;
	a.type = PERF_TYPE_TRACEPOINT;
	a.config = (uint64_t)t->lay.gen_id;
	a.sample_period = 1;
	a.sample_type = trace_sample_type;
	a.disabled = 1;
	a.sample_id_all = 1;
	a.use_clockid = 1;
	a.clockid = CLOCK_MONOTONIC;
	a.watermark = 1;
	a.wakeup_watermark = (uint32_t)watermark;
	a.comm = a.task = a.comm_exec = 1;
	a.read_format = t->lost_fmt ? PERF_FORMAT_LOST : 0;
	r->gen = perf_open(&a, cpu, -1);
	if (r->gen < 0 && errno == EINVAL && t->lost_fmt) {
		t->lost_fmt = false;    /* before Linux 6.0 */
		a.read_format = 0;
		r->gen = perf_open(&a, cpu, -1);
	}
	if (r->gen < 0)
		return open_fail(e, errno, "signal_generate", cpu);
	a.config = (uint64_t)t->lay.del_id;
	a.comm = a.task = a.comm_exec = 0;
	if ((r->del = perf_open(&a, cpu, -1)) < 0)
		return open_fail(e, errno, "signal_deliver", cpu);
	return 0;
}

/* The ring of r->gen, as large as the kernel lets us lock (halved on
 * EPERM down to 64 KiB), and the deliver event's output sent into it. */
static int map_ring(struct trace *t, struct ring *r, struct trace_error *e)
{
	void *p = MAP_FAILED;
	long page = sysconf(_SC_PAGESIZE);

	while (t->map_size >= 64 * 1024 + (size_t)page) {
		p = mmap(NULL, t->map_size, PROT_READ | PROT_WRITE, MAP_SHARED, r->gen, 0);
		if (p != MAP_FAILED || errno != EPERM)
			break;
		t->map_size = (t->map_size - (size_t)page) / 2 + (size_t)page;
	}
	if (p == MAP_FAILED)
		return fail(e, TRACE_SYSTEM, errno, "mmap (perf ring buffer, %zu KiB)",
			    t->map_size / 1024);
	r->meta = p;
	r->data = (unsigned char *)p + page;
	r->size = t->map_size - (size_t)page;
	if (ioctl(r->del, PERF_EVENT_IOC_SET_OUTPUT, r->gen) < 0)
		return fail(e, TRACE_SYSTEM, errno, "ioctl PERF_EVENT_IOC_SET_OUTPUT");
	return 0;
}

static size_t ring_bytes(const struct trace_opts *o)
{
	size_t kib = o && o->ring_kib ? o->ring_kib : TRACE_RING_KIB_DEFAULT, b = 4096;

	while (b < kib * 1024 && b < ((size_t)1 << 30))
		b *= 2;
	return b;
}

static int setup(struct trace *t, const struct trace_opts *o, struct trace_error *e)
{
	int cpus[1024];
	size_t bytes = ring_bytes(o);

	if (load_layout(&t->lay, e) < 0)
		return -1;
	if ((t->ncpu = online_cpus(cpus, 1024)) <= 0)
		return fail(e, TRACE_SYSTEM, errno, "/sys/devices/system/cpu/online");
	t->rings = xmalloc(sizeof *t->rings * (size_t)t->ncpu);
	t->lost_fmt = true;
	for (int i = 0; i < t->ncpu; i++)
		t->rings[i] = (struct ring){ .gen = -1, .del = -1 };
	t->map_size = bytes + (size_t)sysconf(_SC_PAGESIZE);
	if ((t->epfd = epoll_create1(EPOLL_CLOEXEC)) < 0)
		return fail(e, errno == EMFILE ? TRACE_NO_FILES : TRACE_SYSTEM, errno, "epoll_create1");
	for (int i = 0; i < t->ncpu; i++) {
		struct ring *r = &t->rings[i];
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = (uint32_t)i };
		if (open_ring(t, r, cpus[i], bytes / 4, e) < 0 || map_ring(t, r, e) < 0)
			return -1;
		if (epoll_ctl(t->epfd, EPOLL_CTL_ADD, r->gen, &ev) < 0)
			return fail(e, TRACE_SYSTEM, errno, "epoll_ctl");
	}
	for (int i = 0; i < t->ncpu; i++)
		if (ioctl(t->rings[i].gen, PERF_EVENT_IOC_ENABLE, 0) < 0
		    || ioctl(t->rings[i].del, PERF_EVENT_IOC_ENABLE, 0) < 0)
			return fail(e, TRACE_SYSTEM, errno, "ioctl PERF_EVENT_IOC_ENABLE");
	return 0;
}

struct trace *trace_open(const struct trace_opts *o, struct trace_error *e)
{
	struct trace *t = xmalloc(sizeof *t);

	memset(t, 0, sizeof *t);
	t->epfd = -1;
	e->what = TRACE_OK;
	if (setup(t, o, e) < 0) {
		int err = errno;
		trace_close(t);
		errno = err;
		return NULL;
	}
	return t;
}

int trace_fd(const struct trace *t)
{
	return t->epfd;
}

int trace_ncpus(const struct trace *t)
{
	return t->ncpu;
}

void trace_close(struct trace *t)
{
	if (!t)
		return;
	for (int i = 0; t->rings && i < t->ncpu; i++) {
		struct ring *r = &t->rings[i];
		if (r->meta)
			munmap(r->meta, r->size + (size_t)sysconf(_SC_PAGESIZE));
		if (r->del >= 0)
			close(r->del);
		if (r->gen >= 0)
			close(r->gen);
		free(r->pend.q);
	}
	if (t->epfd >= 0)
		close(t->epfd);
	free(t->rings);
	free(t->tmp);
	free(t);
}

/* ---- reading ---- */

static void push(struct queue *q, const struct trace_rec *r, uint64_t seq)
{
	if (q->n == q->cap) {
		if (q->head >= q->n / 2 && q->head) {
			/* room at the front: move the live records there */
			memmove(q->q, q->q + q->head, (q->n - q->head) * sizeof *q->q);
			q->n -= q->head;
			q->head = 0;
		} else {
			q->cap = q->cap ? q->cap * 2 : 1024;
			q->q = xrealloc(q->q, q->cap * sizeof *q->q);
		}
	}
	q->q[q->n] = *r;
	q->q[q->n++].seq = seq;
}

/* The record at offset pos of the ring (len bytes), contiguous: in place,
 * or copied out where it wraps. */
static const unsigned char *at(struct trace *t, const struct ring *r, uint64_t pos, size_t len)
{
	size_t off = (size_t)(pos & (r->size - 1)), first = r->size - off;

	if (len <= first)
		return r->data + off;
	if (t->tmp_size < len) {
		t->tmp = xrealloc(t->tmp, len);
		t->tmp_size = len;
	}
	memcpy(t->tmp, r->data + off, first);
	memcpy(t->tmp + first, r->data, len - first);
	return t->tmp;
}

/* Everything ring r holds, decoded into t->pend; the space given back. */
static void drain(struct trace *t, struct ring *r, size_t *bad)
{
	uint64_t head = __atomic_load_n(&r->meta->data_head, __ATOMIC_ACQUIRE);
	uint64_t tail = r->meta->data_tail;
	struct perf_event_header h;
	struct trace_rec rec;

	while (tail < head) {
		memcpy(&h, at(t, r, tail, sizeof h), sizeof h);
		if (h.size < sizeof h || h.size > head - tail) {
			(*bad)++;
			tail = head;    /* cannot find the next record */
			break;
		}
		if (trace_rec_decode(&t->lay, at(t, r, tail, h.size), h.size, &rec) < 0)
			(*bad)++;
		else if (rec.type != TREC_OTHER)
			push(&r->pend, &rec, t->seq++);
		tail += h.size;
	}
	__atomic_store_n(&r->meta->data_tail, tail, __ATOMIC_RELEASE);
}

/* The ring whose next record is the earliest (the first read of equal
 * times), if that is up to upto; NULL if none. */
static struct ring *earliest(struct trace *t, uint64_t upto)
{
	struct ring *best = NULL;
	const struct trace_rec *b = NULL;

	for (int i = 0; i < t->ncpu; i++) {
		struct queue *q = &t->rings[i].pend;
		const struct trace_rec *h = q->head < q->n ? &q->q[q->head] : NULL;
		if (h && h->time <= upto
		    && (!b || h->time < b->time || (h->time == b->time && h->seq < b->seq))) {
			best = &t->rings[i];
			b = h;
		}
	}
	return best;
}

size_t trace_read(struct trace *t, uint64_t upto,
		  void (*cb)(const struct trace_rec *r, void *arg), void *arg, size_t *bad)
{
	size_t nbad = 0, passed = 0;
	struct ring *r;

	for (int i = 0; i < t->ncpu; i++)
		drain(t, &t->rings[i], &nbad);
	/* a merge of the rings' queues, each in time order already */
	while ((r = earliest(t, upto))) {
		cb(&r->pend.q[r->pend.head++], arg);
		passed++;
	}
	for (int i = 0; i < t->ncpu; i++)
		if (t->rings[i].pend.head == t->rings[i].pend.n)
			t->rings[i].pend.head = t->rings[i].pend.n = 0;
	if (bad)
		*bad += nbad;
	return passed;
}

uint64_t trace_lost(const struct trace *t)
{
	uint64_t sum = 0, v[2];

	if (!t->lost_fmt)
		return UINT64_MAX;
	for (int i = 0; i < t->ncpu; i++) {
		const struct ring *r = &t->rings[i];
		if (read(r->gen, v, sizeof v) != (ssize_t)sizeof v)
			return UINT64_MAX;
		sum += v[1];
		if (read(r->del, v, sizeof v) != (ssize_t)sizeof v)
			return UINT64_MAX;
		sum += v[1];
	}
	return sum;
}

void trace_perm_state(bool *perfmon, int *paranoid)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct d[2];
	char buf[32];
	ssize_t n;

	memset(d, 0, sizeof d);
	*perfmon = false;
	if (syscall(SYS_capget, &h, d) == 0) {
		/* CAP_PERFMON is 38: bit 6 of the second word; CAP_SYS_ADMIN 21 */
		*perfmon = (d[1].effective & (1u << (38 - 32))) || (d[0].effective & (1u << 21));
	}
	*paranoid = INT_MIN;
	if ((n = read_small("/proc/sys/kernel/perf_event_paranoid", buf, sizeof buf - 1)) > 0) {
		buf[n] = '\0';
		*paranoid = atoi(buf);
	}
}
