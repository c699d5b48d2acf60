/* fuzz-tracefmt.c - the tracefs format parser of tracefmt.c on any bytes:
 * no crash, no read past the input; what it accepts has NUL-ended names
 * and fields within 64 KiB, and reading them from a record of the input's
 * bytes stays within the record. */
#include "config.h"
#include "fuzz.h"
#include "core/tracefmt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy with no NUL after it: the parser takes a length */
	char *buf = malloc(size ? size : 1);
	struct tracefmt f;
	struct perr e;
	int64_t v;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	memset(&f, 0xa5, sizeof f);
	if (tracefmt_parse(buf, size, &f, &e) == 0) {
		FUZZ_CHECK(f.nfields > 0 && f.nfields <= TRACEFMT_FIELDS_MAX, "%zu fields", f.nfields);
		for (size_t i = 0; i < f.nfields; i++) {
			const struct tracefmt_field *fl = &f.f[i];
			FUZZ_CHECK(memchr(fl->name, '\0', sizeof fl->name) && fl->name[0],
				   "field %zu: a name not NUL-ended, or empty", i);
			FUZZ_CHECK(fl->offset + fl->size <= 65536, "field %s past 64 KiB", fl->name);
			FUZZ_CHECK(tracefmt_find(&f, fl->name) != NULL, "field %s not found", fl->name);
			if (tracefmt_int(fl, buf, size, &v) == 0)
				FUZZ_CHECK(fl->offset + fl->size <= size, "field %s read past the record",
					   fl->name);
		}
	} else {
		FUZZ_CHECK(memchr(e.msg, '\0', sizeof e.msg) && e.msg[0], "a refusal with no message");
	}
	free(buf);
	return 0;
}
