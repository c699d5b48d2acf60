/* fuzz-signal.c - parse_signal and parse_sigset: a signal read is a valid
 * one (or 0 where allowed) whose name reads back as the same signal, a
 * number reads as itself, and a bad list adds nothing to the set. */
#include "config.h"
#include "fuzz.h"
#include "core/parse.h"
#include "core/sig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), nb[SIG_NAME_MAX];
	struct perr e;
	int signo = -7, back;
	sigmask64 set;

	for (unsigned flags = 0; flags <= PS_ALLOW_ZERO; flags += PS_ALLOW_ZERO) {
		signo = -7;
		if (parse_signal(s, flags, &signo, &e) == 0) {
			FUZZ_CHECK(sig_valid(signo) || (signo == 0 && flags), "'%s' read as %d", s, signo);
			if (signo) {
				const char *name = sig_name(signo, nb);
				FUZZ_CHECK(name && parse_signal(name, 0, &back, &e) == 0 && back == signo,
					   "'%s' is %d, named '%s', which does not read back", s, signo,
					   name ? name : "(none)");
			}
			if (s[0] >= '1' && s[0] <= '9' && strspn(s, "0123456789") == strlen(s))
				FUZZ_CHECK(signo == atoi(s), "number '%s' read as %d", s, signo);
		} else {
			FUZZ_CHECK(e.msg[0], "'%s' refused with no message", s);
		}
	}
	for (unsigned flags = 0; flags <= PSET_BLOCKABLE; flags += PSET_BLOCKABLE) {
		set = SIGBIT(1);
		if (parse_sigset(s, flags, &set, &e) == 0) {
			FUZZ_CHECK(set & SIGBIT(1), "'%s': the set lost what it had", s);
			if (flags)
				FUZZ_CHECK(!(set & (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))),
					   "'%s': KILL or STOP in a blockable set", s);
		} else {
			FUZZ_CHECK(set == SIGBIT(1) && e.msg[0], "'%s' refused, but the set changed", s);
		}
	}
	free(s);
	return 0;
}
