/* fuzz-proc.c - the /proc/PID/status and /proc/PID/stat parsers of
 * proc.c on any bytes: no crash, no read past the input, and what they
 * accept is within its bounds. */
#include "config.h"
#include "fuzz.h"
#include "core/proc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* an exact copy with no NUL after it: the parsers take a length */
	char *buf = malloc(size ? size : 1);
	struct proc_status st;
	struct proc_stat ps;

	if (!buf)
		abort();
	memcpy(buf, data, size);
	memset(&st, 0xa5, sizeof st);
	if (proc_status_parse(buf, size, &st) == 0) {
		FUZZ_CHECK(st.name_len < sizeof st.name && st.name[st.name_len] == '\0',
			   "name of %zu bytes", st.name_len);
		FUZZ_CHECK(st.nspid_len >= 0 && st.nspid_len <= PROC_NSPID_MAX, "NSpid of %d", st.nspid_len);
		FUZZ_CHECK(st.kthread >= -1 && st.kthread <= 1, "Kthread %d", st.kthread);
	}
	memset(&ps, 0xa5, sizeof ps);
	proc_stat_parse(buf, size, &ps);
	free(buf);
	return 0;
}
