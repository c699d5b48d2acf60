/* fuzz-tracerec.c - the input as the bytes of a perf ring buffer, read as
 * trace.c reads it: every record decoded with the layout of Linux 6.x's
 * signal tracepoints, fed to the task map and to the JSON view. No crash,
 * no read past the input; names NUL-ended; every line the view writes one
 * JSON object of valid UTF-8 with no raw control character. */
#include "config.h"
#include "fuzz.h"
#include <linux/perf_event.h>
#include "core/tracerec.h"
#include "core/traceview.h"

static const char gen_fmt[] =
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:int sig;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:int errno;\toffset:12;\tsize:4;\tsigned:1;\n"
	"\tfield:int code;\toffset:16;\tsize:4;\tsigned:1;\n"
	"\tfield:char comm[16];\toffset:20;\tsize:16;\tsigned:0;\n"
	"\tfield:pid_t pid;\toffset:36;\tsize:4;\tsigned:1;\n"
	"\tfield:int group;\toffset:40;\tsize:4;\tsigned:1;\n"
	"\tfield:int result;\toffset:44;\tsize:4;\tsigned:1;\n";
static const char del_fmt[] =
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:int sig;\toffset:8;\tsize:4;\tsigned:1;\n"
	"\tfield:int errno;\toffset:12;\tsize:4;\tsigned:1;\n"
	"\tfield:int code;\toffset:16;\tsize:4;\tsigned:1;\n"
	"\tfield:unsigned long sa_handler;\toffset:24;\tsize:8;\tsigned:0;\n"
	"\tfield:unsigned long sa_flags;\toffset:32;\tsize:8;\tsigned:0;\n";

static void check_lines(const char *out)
{
	for (const char *p = out; *p;) {
		const char *nl = strchr(p, '\n');
		FUZZ_CHECK(nl, "a line with no newline");
		FUZZ_CHECK(*p == '{' && nl[-1] == '}', "a line that is not an object: %.*s",
			   (int)(nl - p), p);
		for (const char *q = p; q < nl;) {
			size_t k = fuzz_utf8((const unsigned char *)q, (size_t)(nl - q));
			FUZZ_CHECK(k && (unsigned char)*q >= 0x20, "bad byte at %zu", (size_t)(q - out));
			q += k;
		}
		p = nl + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct trace_layout lay;
	static bool ready;
	struct trace_view_opts o = { .json = true, .follow = true };
	struct trace_view v;
	struct trace_rec r;
	size_t off = 0, n;
	char *out;

	if (!ready) {
		struct tracefmt g, d;
		struct perr e;
		if (tracefmt_parse(gen_fmt, sizeof gen_fmt - 1, &g, &e) < 0
		    || tracefmt_parse(del_fmt, sizeof del_fmt - 1, &d, &e) < 0
		    || trace_layout_init(&lay, &g, &d, &e) < 0)
			FUZZ_FAIL("the reference formats: %s", e.msg);
		lay.gen_id = 261;
		lay.del_id = 260;
		ready = true;
	}
	tview_init(&v, &o);
	fuzz_cap_begin();
	while (size - off >= sizeof(struct perf_event_header)) {
		struct perf_event_header h;
		/* an exact copy of the record, so that ASan sees a read past it */
		memcpy(&h, data + off, sizeof h);
		if (h.size < sizeof h || h.size > size - off)
			break;
		uint8_t *rec = malloc(h.size);
		if (!rec)
			abort();
		memcpy(rec, data + off, h.size);
		if (trace_rec_decode(&lay, rec, h.size, &r) == 0) {
			if (r.type == TREC_GENERATE)
				FUZZ_CHECK(memchr(r.u.gen.comm, '\0', TRACE_COMM_MAX), "comm not NUL-ended");
			if (r.type == TREC_COMM)
				FUZZ_CHECK(memchr(r.u.comm.comm, '\0', TRACE_COMM_MAX), "comm not NUL-ended");
			/* LOST only says so on stderr */
			if (r.type != TREC_LOST)
				tview_record(&r, &v);
		}
		free(rec);
		off += h.size;
	}
	out = fuzz_cap_end(&n);
	FUZZ_CHECK(strlen(out) == n, "a NUL in the output");
	check_lines(out);
	free(out);
	tview_free(&v);
	return 0;
}
