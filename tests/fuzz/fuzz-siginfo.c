/* fuzz-siginfo.c - a received signal's line and JSON object for any
 * signalfd_siginfo (every field is the sender's choice): the line is
 * "NAME code=WORD" and KEY=NUMBER pairs within SIG_EVENT_TEXT_MAX, the
 * JSON one flat object of strings, integers and nulls. */
#include "config.h"
#include "fuzz.h"
#include <sys/signalfd.h>
#include "core/siginfo.h"
#include "../siginfo-line.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct signalfd_siginfo si;
	struct sig_event ev;
	char text[SIG_EVENT_TEXT_MAX], *json;
	bool first = true;
	size_t n, len;

	memset(&si, 0, sizeof si);
	memcpy(&si, data, size < sizeof si ? size : sizeof si);
	sig_event_from_sfd(&ev, &si);
	n = sig_event_text(&ev, text);
	FUZZ_CHECK(n < SIG_EVENT_TEXT_MAX && strlen(text) == n, "a line of %zu bytes", n);
	FUZZ_CHECK(siginfo_line_well_formed(text), "malformed line: %s", text);
	fuzz_cap_begin();
	out_putc('{');
	sig_event_json_fields(&ev, &first);
	out_putc('}');
	json = fuzz_cap_end(&len);
	FUZZ_CHECK(fuzz_json_flat_object(json), "malformed JSON: %s", json);
	free(json);
	return 0;
}
