/* fuzz-siginfo.c - a received signal's line and JSON object for any
 * signalfd_siginfo (every field is the sender's choice): the line is
 * "NAME code=WORD" and KEY=NUMBER pairs within SIG_EVENT_TEXT_MAX, the
 * JSON one flat object of strings, integers and nulls. */
#include "config.h"
#include "fuzz.h"
#include <sys/signalfd.h>
#include "core/siginfo.h"

static bool well_formed(const char *t)
{
	const char *p = strchr(t, ' ');

	if (!p || p == t || strncmp(p, " code=", 6))
		return false;
	for (p += 6; *p && *p != ' '; p++)
		if (!(*p == '_' || *p == '-' || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return false;
	while (*p == ' ') {
		const char *k = ++p;
		while (*p >= 'a' && *p <= 'z')
			p++;
		if (p == k || *p++ != '=')
			return false;
		if (*p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

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
	FUZZ_CHECK(well_formed(text), "malformed line: %s", text);
	fuzz_cap_begin();
	out_putc('{');
	sig_event_json_fields(&ev, &first);
	out_putc('}');
	json = fuzz_cap_end(&len);
	FUZZ_CHECK(fuzz_json_flat_object(json), "malformed JSON: %s", json);
	free(json);
	return 0;
}
