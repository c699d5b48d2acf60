/* fuzz-duration.c - parse_duration against an exact decimal reading: the
 * digits times the unit in decimal long multiplication, then cut at the
 * decimal point, and compared with INT64_MAX as a digit string. */
#include "config.h"
#include "fuzz.h"
#include "core/parse.h"

/* floor(W.F * mult) as a decimal digit string without leading zeros
 * ("0" for zero), into out (room for strlen(w) + strlen(f) + 24). */
static void exact(const char *w, size_t nw, const char *f, size_t nf,
		  unsigned long long mult, char *out)
{
	size_t nd = nw + nf, i;
	unsigned char *prod = calloc(nd + 24, 1);  /* little-endian digits */
	size_t np = nd + 24, k;

	if (!prod)
		abort();
	/* the number W F (all its digits) times mult */
	for (i = 0; i < nd; i++) {
		unsigned d = (i < nf ? f[nf - 1 - i] : w[nw - 1 - (i - nf)]) - '0';
		unsigned long long carry = 0;
		unsigned long long m = mult;
		for (k = i; m || carry; k++) {
			unsigned long long v = prod[k] + (unsigned long long)d * (m % 10) + carry;
			prod[k] = v % 10;
			carry = v / 10;
			m /= 10;
		}
	}
	/* drop the nf fraction digits, print the rest most significant first */
	size_t top = np;
	while (top > nf && !prod[top - 1])
		top--;
	char *o = out;
	for (k = top; k > nf; k--)
		*o++ = '0' + prod[k - 1];
	if (o == out)
		*o++ = '0';
	*o = '\0';
	free(prod);
}

static bool grammar(const char *s, const char **w, size_t *nw, const char **f, size_t *nf,
		    unsigned long long *mult)
{
	static const struct { const char *u; unsigned long long m; } units[] = {
		{ "", 1000000000ULL }, { "s", 1000000000ULL }, { "ms", 1000000ULL },
		{ "m", 60000000000ULL }, { "h", 3600000000000ULL }, { "d", 86400000000000ULL },
	};
	const char *p = s;

	*w = p;
	while (*p >= '0' && *p <= '9')
		p++;
	*nw = p - *w;
	*f = p;
	*nf = 0;
	if (*p == '.') {
		*f = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		*nf = p - *f;
		if (!*nf)
			return false;
	}
	if (!*nw && !*nf)
		return false;
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (!strcmp(p, units[i].u)) {
			*mult = units[i].m;
			return true;
		}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	const char *w, *f;
	size_t nw, nf;
	unsigned long long mult;
	struct perr e;
	int64_t ns = -1;
	int rc = parse_duration(s, &ns, &e);

	if (!grammar(s, &w, &nw, &f, &nf, &mult)) {
		FUZZ_CHECK(rc < 0, "'%s' is no duration, yet read as %lld", s, (long long)ns);
	} else {
		char *want = malloc(strlen(s) + 32), got[32];
		const char *max = "9223372036854775807";
		bool fits;

		exact(w, nw, f, nf, mult, want);
		fits = strlen(want) < strlen(max) || (strlen(want) == strlen(max) && strcmp(want, max) <= 0);
		if (!fits) {
			FUZZ_CHECK(rc < 0, "'%s' is %s ns, past INT64_MAX, yet read as %lld", s, want,
				   (long long)ns);
		} else {
			FUZZ_CHECK(rc == 0, "'%s' (%s ns) refused: %s", s, want, e.msg);
			snprintf(got, sizeof got, "%lld", (long long)ns);
			FUZZ_CHECK(!strcmp(got, want), "'%s': read %s ns, exactly %s", s, got, want);
		}
		free(want);
	}
	if (rc < 0)
		FUZZ_CHECK(memchr(e.msg, '\0', sizeof e.msg) && e.msg[0], "no message for '%s'", s);
	free(s);
	return 0;
}
