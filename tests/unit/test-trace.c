/* test-trace.c - the pure parts of tracing: format files, record decoding,
 * the task map (names through fork, exec and exit; following), and where a
 * signal came from. Records are built here by hand, after
 * include/uapi/linux/perf_event.h and the kernel's own format files. */
#include "config.h"

#include <linux/perf_event.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/tracefmt.h"
#include "core/tracerec.h"
#include "core/tracetask.h"
#include "core/traceview.h"
#include "tap.h"

/* As Linux 6.x prints them (tabs and all). */
static const char gen_fmt[] =
"name: signal_generate\nID: 261\nformat:\n"
"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n\n"
"\tfield:int sig;\toffset:8;\tsize:4;\tsigned:1;\n"
"\tfield:int errno;\toffset:12;\tsize:4;\tsigned:1;\n"
"\tfield:int code;\toffset:16;\tsize:4;\tsigned:1;\n"
"\tfield:char comm[16];\toffset:20;\tsize:16;\tsigned:0;\n"
"\tfield:pid_t pid;\toffset:36;\tsize:4;\tsigned:1;\n"
"\tfield:int group;\toffset:40;\tsize:4;\tsigned:1;\n"
"\tfield:int result;\toffset:44;\tsize:4;\tsigned:1;\n\n"
"print fmt: \"sig=%d errno=%d code=%d comm=%s pid=%d grp=%d res=%d\", REC->sig\n";

/* signal_deliver, its fields moved about, to show nothing is hard-coded */
static const char del_fmt[] =
"name: signal_deliver\nID: 260\nformat:\n"
"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
"\tfield:unsigned long sa_handler;\toffset:8;\tsize:8;\tsigned:0;\n"
"\tfield:unsigned long sa_flags;\toffset:16;\tsize:8;\tsigned:0;\n"
"\tfield:int sig;\toffset:24;\tsize:4;\tsigned:1;\n"
"\tfield:int errno;\toffset:28;\tsize:4;\tsigned:1;\n"
"\tfield:int code;\toffset:32;\tsize:4;\tsigned:1;\n";

static void test_format(void)
{
	struct tracefmt f;
	struct perr e;
	const struct tracefmt_field *fl;
	unsigned char raw[8] = { 0xfe, 0xff, 0xff, 0xff, 0x05, 0, 0, 0 };
	int64_t v;

	is_int(tracefmt_parse(gen_fmt, sizeof gen_fmt - 1, &f, &e), 0, "generate format parses");
	is_int(f.id, 261, "its ID line");
	is_int((long long)f.nfields, 11, "11 fields");
	fl = tracefmt_find(&f, "comm");
	ok(fl && fl->offset == 20 && fl->size == 16 && !fl->is_signed, "comm[16]: name without [16]");
	fl = tracefmt_find(&f, "result");
	ok(fl && fl->offset == 44 && fl->size == 4 && fl->is_signed, "result at 44, signed");
	ok(!tracefmt_find(&f, "nope"), "an unknown field is NULL");
	is_int(tracefmt_parse("no fields\n", 10, &f, &e), -1, "no field lines: refused");
	is_str(e.msg, "no field lines", "and said so");
	is_int(tracefmt_parse("\tfield:int x;\toffset:8;\n", 23, &f, &e), -1, "no size: refused");
	is_int(tracefmt_parse("\tfield:int x;\toffset:65535;\tsize:4;\tsigned:1;\n", 46, &f, &e),
	       -1, "past 64 KiB: refused");
	is_int(tracefmt_parse("\tfield:;\toffset:0;\tsize:4;\tsigned:1;\n", 37, &f, &e), -1,
	       "no name: refused");
	/* reading fields: sign extension, bounds */
	struct tracefmt_field s4 = { "x", 0, 4, true }, u4 = { "x", 0, 4, false };
	struct tracefmt_field past = { "x", 6, 4, true }, odd = { "x", 0, 3, true };
	ok(tracefmt_int(&s4, raw, 8, &v) == 0 && v == -2, "signed 4 bytes: -2");
	ok(tracefmt_int(&u4, raw, 8, &v) == 0 && v == 0xfffffffe, "unsigned 4 bytes");
	is_int(tracefmt_int(&past, raw, 8, &v), -1, "a field past the record: -1");
	is_int(tracefmt_int(&odd, raw, 8, &v), -1, "a size of 3: -1");
}

static struct trace_layout lay;

static void test_layout(void)
{
	struct tracefmt g, d, bad;
	struct perr e;

	tracefmt_parse(gen_fmt, sizeof gen_fmt - 1, &g, &e);
	tracefmt_parse(del_fmt, sizeof del_fmt - 1, &d, &e);
	is_int(trace_layout_init(&lay, &g, &d, &e), 0, "layout of the two formats");
	lay.gen_id = 261;
	lay.del_id = 260;
	tracefmt_parse(del_fmt, sizeof del_fmt - 1, &bad, &e);
	bad.nfields = 3;        /* no sig, errno, code */
	is_int(trace_layout_init(&lay, &g, &bad, &e), -1, "a missing field: refused");
	is_str(e.msg, "the format of signal:signal_deliver has no field 'sig'", "naming it");
	trace_layout_init(&lay, &g, &d, &e);
	lay.gen_id = 261;
	lay.del_id = 260;
}

/* A sample of sample_type TID|TIME|CPU|RAW with raw data of n bytes. */
static size_t sample(unsigned char *buf, uint32_t pid, uint32_t tid, uint64_t time,
		     const unsigned char *raw, uint32_t n)
{
	struct perf_event_header h = { PERF_RECORD_SAMPLE, 0, 0 };
	uint32_t cpu[2] = { 1, 0 };
	size_t len = sizeof h + 8 + 8 + 8 + 4 + n;

	len = (len + 7) & ~(size_t)7;
	memset(buf, 0, len);
	h.size = (uint16_t)len;
	memcpy(buf, &h, sizeof h);
	memcpy(buf + 8, &pid, 4);
	memcpy(buf + 12, &tid, 4);
	memcpy(buf + 16, &time, 8);
	memcpy(buf + 24, cpu, 8);
	memcpy(buf + 32, &n, 4);
	memcpy(buf + 36, raw, n);
	return len;
}

static void put32(unsigned char *p, int32_t v)
{
	memcpy(p, &v, 4);
}

static void test_decode(void)
{
	unsigned char raw[48] = { 0 }, buf[256];
	struct trace_rec r;
	uint16_t type = 261;
	uint64_t h = 0x401000, fl = SA_RESTART;
	size_t n;

	memcpy(raw, &type, 2);
	put32(raw + 8, SIGTERM);
	put32(raw + 16, SI_USER);
	memcpy(raw + 20, "sleep", 6);
	put32(raw + 36, 4250);
	put32(raw + 40, 1);
	put32(raw + 44, TRES_PENDING);
	n = sample(buf, 4242, 4243, 123456789, raw, 48);
	is_int(trace_rec_decode(&lay, buf, n, &r), 0, "a generate sample decodes");
	ok(r.type == TREC_GENERATE && r.pid == 4242 && r.tid == 4243 && r.time == 123456789
	   && r.cpu == 1, "type, sender, time, CPU");
	ok(r.sig == SIGTERM && r.code == SI_USER && r.u.gen.tid == 4250 && r.u.gen.group
	   && r.u.gen.result == TRES_PENDING, "signal, code, target, group, result");
	is_str(r.u.gen.comm, "sleep", "target's comm");
	is_int(trace_rec_decode(&lay, buf, n - 8, &r), -1, "a record cut short: -1");
	/* deliver, with the layout of del_fmt */
	memset(raw, 0, sizeof raw);
	type = 260;
	memcpy(raw, &type, 2);
	memcpy(raw + 8, &h, 8);
	memcpy(raw + 16, &fl, 8);
	put32(raw + 24, SIGUSR1);
	put32(raw + 32, SI_QUEUE);
	n = sample(buf, 7, 8, 5, raw, 36);
	is_int(trace_rec_decode(&lay, buf, n, &r), 0, "a deliver sample decodes");
	ok(r.type == TREC_DELIVER && r.sig == SIGUSR1 && r.code == SI_QUEUE
	   && r.u.del.handler == 0x401000 && r.u.del.flags == SA_RESTART, "its fields");
	/* another tracepoint: skipped, not an error */
	type = 99;
	memcpy(raw, &type, 2);
	n = sample(buf, 7, 8, 5, raw, 36);
	ok(trace_rec_decode(&lay, buf, n, &r) == 0 && r.type == TREC_OTHER, "another ID: OTHER");
	/* raw data shorter than a field: -1 */
	type = 261;
	memcpy(raw, &type, 2);
	n = sample(buf, 7, 8, 5, raw, 20);
	is_int(trace_rec_decode(&lay, buf, n, &r), -1, "raw data too short for its fields: -1");
}

/* A non-sample record with sample_id_all's TID|TIME|CPU trailer. */
static size_t other(unsigned char *buf, uint32_t type, uint16_t misc, const void *body,
		    size_t n, uint64_t time)
{
	struct perf_event_header h = { type, misc, 0 };
	uint32_t ids[2] = { 0, 0 }, cpu[2] = { 0, 0 };
	size_t len = sizeof h + ((n + 7) & ~(size_t)7) + 24;

	memset(buf, 0, len);
	h.size = (uint16_t)len;
	memcpy(buf, &h, sizeof h);
	memcpy(buf + 8, body, n);
	memcpy(buf + len - 24, ids, 8);
	memcpy(buf + len - 16, &time, 8);
	memcpy(buf + len - 8, cpu, 8);
	return len;
}

static void record(struct trace_tasks *ts, uint32_t type, const void *body, size_t n,
		   uint64_t time, bool follow)
{
	unsigned char buf[128];
	struct trace_rec r;
	size_t len = other(buf, type, 0, body, n, time);

	if (trace_rec_decode(&lay, buf, len, &r) == 0)
		tasks_record(ts, &r, follow);
}

static void test_tasks(void)
{
	struct trace_tasks ts;
	struct { uint32_t pid, tid; char comm[16]; } comm = { 100, 100, "bash" };
	struct { uint32_t pid, ppid, tid, ptid; uint64_t time; } fork = { 200, 100, 200, 100, 2 };
	struct { uint32_t pid, tid; uint64_t id, lost; } lost = { 0, 0, 1, 42 };
	unsigned char buf[128];
	struct trace_rec r;

	tasks_init(&ts);
	record(&ts, PERF_RECORD_COMM, &comm, sizeof comm, 1, true);
	is_str(tasks_get(&ts, 100)->comm, "bash", "COMM names a task");
	tasks_put(&ts, 100)->tracked = true;
	record(&ts, PERF_RECORD_FORK, &fork, sizeof fork, 2, true);
	is_str(tasks_get(&ts, 200)->comm, "bash", "FORK: the child has the parent's name");
	ok(tasks_tracked(&ts, 200), "and, followed, is tracked");
	memcpy(comm.comm, "kill\0\0\0", 8);
	comm.pid = comm.tid = 200;
	record(&ts, PERF_RECORD_COMM, &comm, sizeof comm, 3, true);
	is_str(tasks_get(&ts, 200)->comm, "kill", "its execve renames it");
	fork = (typeof(fork)){ 200, 200, 201, 200, 4 };
	record(&ts, PERF_RECORD_FORK, &fork, sizeof fork, 4, true);
	ok(tasks_tracked(&ts, 201) && tasks_get(&ts, 201)->pid == 200, "a thread: its process's");
	record(&ts, PERF_RECORD_EXIT, &fork, sizeof fork, 5, true);
	fork = (typeof(fork)){ 200, 100, 200, 100, 5 };
	record(&ts, PERF_RECORD_EXIT, &fork, sizeof fork, 5, true);
	ok(tasks_get(&ts, 200) && tasks_get(&ts, 200)->exited == 5,
	   "an exited task keeps its name, marked");
	is_str(tasks_get(&ts, 200)->comm, "kill", "so a sender that exited is still named");
	fork = (typeof(fork)){ 300, 100, 300, 100, 6 };
	record(&ts, PERF_RECORD_FORK, &fork, sizeof fork, 6, false);
	ok(!tasks_tracked(&ts, 300), "not followed: a child is not tracked");
	/* many tasks: the table grows and drops the long gone */
	for (uint32_t i = 1000; i < 20000; i++) {
		fork = (typeof(fork)){ i, 100, i, 100, 10 };
		record(&ts, PERF_RECORD_FORK, &fork, sizeof fork, 10, false);
		record(&ts, PERF_RECORD_EXIT, &fork, sizeof fork, 10, false);
	}
	fork = (typeof(fork)){ 30000, 100, 30000, 100, 10 + 3000000000ULL };
	record(&ts, PERF_RECORD_FORK, &fork, sizeof fork, fork.time, false);
	for (int k = 0; k < 8; k++)
		record(&ts, PERF_RECORD_EXIT, &fork, sizeof fork, fork.time, false);
	ok(ts.n < 20000, "tasks gone for long are dropped (%zu kept)", ts.n);
	ok(tasks_get(&ts, 100) && !strcmp(tasks_get(&ts, 100)->comm, "bash"), "the living stay");
	tasks_free(&ts);
	/* LOST */
	size_t n = other(buf, PERF_RECORD_LOST, 0, &lost.id, 16, 9);
	ok(trace_rec_decode(&lay, buf, n, &r) == 0 && r.type == TREC_LOST && r.u.lost == 42,
	   "LOST: the count");
}

static void test_origin(void)
{
	struct trace_rec r = { .type = TREC_GENERATE, .pid = 10, .tid = 10 };

	r.sig = SIGTERM, r.code = SI_USER, r.u.gen.tid = 20, r.u.gen.group = true;
	is_int(trace_origin(&r), TORIG_PROCESS, "kill(2): a process");
	r.sig = SIGPIPE, r.u.gen.tid = 10, r.u.gen.group = false;
	is_int(trace_origin(&r), TORIG_KERNEL_FOR, "SI_USER to the running thread alone: send_sig()");
	r.sig = SIGALRM, r.code = SI_KERNEL, r.u.gen.tid = 20;
	is_int(trace_origin(&r), TORIG_KERNEL, "SI_KERNEL: the kernel, no task behind it");
	r.sig = SIGCHLD, r.code = CLD_EXITED;
	is_int(trace_origin(&r), TORIG_KERNEL_FOR, "CLD_EXITED: for the child");
	r.sig = SIGSEGV, r.code = SEGV_MAPERR, r.u.gen.tid = 10;
	is_int(trace_origin(&r), TORIG_KERNEL_FOR, "a fault of the running thread");
	r.sig = SIGUSR1, r.code = SI_QUEUE, r.u.gen.tid = 20;
	is_int(trace_origin(&r), TORIG_PROCESS, "sigqueue: a process");
	r.code = SI_TIMER;
	is_int(trace_origin(&r), TORIG_KERNEL, "a POSIX timer: the kernel");
}

int main(void)
{
	test_format();
	test_layout();
	test_decode();
	test_tasks();
	test_origin();
	return done_testing();
}
