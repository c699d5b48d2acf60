/* parse.c - strict parsers for everything a user types. */
#include "config.h"

#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "parse.h"
#include "util.h"

int perr_set(struct perr *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* Digits only, no sign, no blanks; *end left at the first non-digit.
 * Returns false on no digits or a value above max. */
static bool scan_uint(const char *s, const char **end, unsigned long long max,
		      unsigned long long *v)
{
	unsigned long long n = 0;
	const char *p = s;

	for (; c_isdigit(*p); p++) {
		unsigned d = *p - '0';
		if (n > (max - d) / 10) {
			/* keep scanning so *end is right, but report overflow */
			while (c_isdigit(*p))
				p++;
			*end = p;
			return false;
		}
		n = n * 10 + d;
	}
	*end = p;
	*v = n;
	return p != s;
}

static int parse_rt(const char *word, const char *s, int *signo, struct perr *e)
{
	int lo = sig_rtmin(), hi = sig_rtmax();
	unsigned long long n = 0;
	const char *end;
	int base, dir;
	bool fits;

	if (!c_strncasecmp(s, "RTMIN", 5))
		base = lo, dir = 1, s += 5;
	else if (!c_strncasecmp(s, "RTMAX", 5))
		base = hi, dir = -1, s += 5;
	else {
		/* util-linux spells RTMIN+n as RT<n> */
		s += 2;
		fits = scan_uint(s, &end, INT_MAX, &n);
		if (end == s || *end)
			return perr_set(e, _("unknown signal '%s'"), word);
		if (!fits || n > (unsigned long long)(hi - lo))
			return perr_set(e, _("real-time signal '%s' is out of range (RT0 to RT%d)"),
				    word, hi - lo);
		*signo = lo + n;
		return 0;
	}
	if (!*s) {
		*signo = base;
		return 0;
	}
	if (*s != (dir > 0 ? '+' : '-'))
		return perr_set(e, _("invalid real-time signal '%s' (use RTMIN+n or RTMAX-n)"), word);
	fits = scan_uint(s + 1, &end, INT_MAX, &n);
	if (end == s + 1 || *end)
		return perr_set(e, _("invalid real-time signal '%s' (use RTMIN+n or RTMAX-n)"), word);
	if (!fits || n > (unsigned long long)(hi - lo)) {
		if (dir > 0)
			return perr_set(e, _("real-time signal '%s' is out of range (RTMIN+0 to RTMIN+%d)"),
				    word, hi - lo);
		return perr_set(e, _("real-time signal '%s' is out of range (RTMAX-0 to RTMAX-%d)"),
			    word, hi - lo);
	}
	*signo = base + dir * (int)n;
	return 0;
}

int parse_signal(const char *word, unsigned flags, int *signo, struct perr *e)
{
	const char *s = word;
	unsigned long long n;
	const char *end;

	if (!*s)
		return perr_set(e, _("empty signal name"));
	if (c_isdigit(*s)) {
		bool fits = scan_uint(s, &end, INT_MAX, &n);
		if (*end)
			return perr_set(e, _("invalid signal number '%s'"), word);
		if (fits && n == 0 && (flags & PS_ALLOW_ZERO)) {
			*signo = 0;
			return 0;
		}
		if (!fits || !sig_valid((int)n))
			return perr_set(e, _("'%s' is not a valid signal number (1-31, %d-%d)"),
				    word, sig_rtmin(), sig_rtmax());
		*signo = (int)n;
		return 0;
	}
	if (!c_strncasecmp(s, "SIG", 3) && s[3])
		s += 3;
	if (!c_strncasecmp(s, "RT", 2) && (s[2] == '\0' || c_isdigit(s[2])
	    || !c_strncasecmp(s, "RTMIN", 5) || !c_strncasecmp(s, "RTMAX", 5)))
		return parse_rt(word, s, signo, e);
	if ((*signo = sig_by_name(s)))
		return 0;

	const char *near = sig_nearest_name(s);
	if (near)
		return perr_set(e, _("unknown signal '%s' (did you mean %s?)"), word, near);
	return perr_set(e, _("unknown signal '%s'"), word);
}

int parse_sigset(const char *list, unsigned flags, sigmask64 *set, struct perr *e)
{
	const char *s = list;
	sigmask64 add = 0;      /* applied only when the whole list is good */
	char *word;
	int rc;

	if (!*s)
		return perr_set(e, _("empty signal list"));
	for (;;) {
		size_t len = strcspn(s, ",");
		int signo;

		if (len == 0)
			return perr_set(e, _("empty name in signal list '%s'"), list);
		word = xstrndup(s, len);
		rc = 0;
		if (!c_strcasecmp(word, "all"))
			add |= sig_blockable_mask();
		else if (parse_signal(word, 0, &signo, e) < 0)
			rc = -1;
		else if ((flags & PSET_BLOCKABLE) && !sig_catchable(signo))
			rc = perr_set(e, _("signal '%s' cannot be blocked, caught or ignored"), word);
		else
			add |= SIGBIT(signo);
		free(word);
		if (rc)
			return rc;
		if (!s[len]) {
			*set |= add;
			return 0;
		}
		s += len + 1;
		if (!*s)
			return perr_set(e, _("empty name in signal list '%s' (trailing comma)"), list);
	}
}

int parse_pid(const char *s, bool allow_inode, struct pid_spec *p, struct perr *e)
{
	unsigned long long n = 0, ino;
	const char *end;
	bool ok;

	*p = (struct pid_spec){ 0 };
	if (!*s)
		return perr_set(e, _("empty PID"));
	if (*s == '-' && c_isdigit(s[1]))
		return perr_set(e, _("invalid PID '%s': negative"), s);
	ok = scan_uint(s, &end, INT_MAX, &n);
	if (end == s || (*end && !(allow_inode && *end == ':')))
		return perr_set(e, _("invalid PID '%s'"), s);
	if (!ok || n == 0)
		return perr_set(e, _("PID '%s' is out of range (1 to %d)"), s, INT_MAX);
	p->pid = (pid_t)n;
	if (!*end)
		return 0;
	if (!scan_uint(end + 1, &end, ULLONG_MAX, &ino) || *end || ino == 0)
		return perr_set(e, _("invalid PID:INODE '%s'"), s);
	p->has_inode = true;
	p->inode = ino;
	return 0;
}

/* floor(0.DIGITS * mult) exactly, for any number of digits: Horner's rule
 * from the last digit, since floor((a + floor(x)) / 10) = floor((a + x) / 10)
 * for an integer a; every value stays below 10 * mult. */
static int64_t frac_of(const char *digits, size_t n, int64_t mult)
{
	uint64_t x = 0;

	while (n--)
		x = ((uint64_t)(digits[n] - '0') * (uint64_t)mult + x) / 10;
	return (int64_t)x;
}

int parse_duration(const char *s, int64_t *ns, struct perr *e)
{
	static const struct { const char *name; int64_t mult; } units[] = {
		{ "ms", 1000000LL }, { "s", 1000000000LL }, { "m", 60000000000LL },
		{ "h", 3600000000000LL }, { "d", 86400000000000LL },
	};
	unsigned long long whole = 0;
	const char *p = s, *end, *frac = "";
	size_t nfrac = 0;
	int64_t mult = 1000000000LL;

	if (!*s)
		return perr_set(e, _("empty duration"));
	if (*p == '-')
		return perr_set(e, _("invalid duration '%s': it is negative"), s);
	if (!c_isdigit(*p) && *p != '.')
		return perr_set(e, _("invalid duration '%s' (a non-negative number with an optional unit ms, s, m, h or d)"), s);
	if (c_isdigit(*p) && !scan_uint(p, &end, ULLONG_MAX, &whole))
		return perr_set(e, _("duration '%s' is too large"), s);
	p = c_isdigit(*p) ? end : p;
	if (*p == '.') {
		frac = ++p;
		while (c_isdigit(*p))
			p++;
		nfrac = p - frac;
		if (!nfrac)
			return perr_set(e, _("invalid duration '%s' (a non-negative number with an optional unit ms, s, m, h or d)"), s);
	}
	if (*p) {
		size_t i;
		for (i = 0; i < ARRAY_SIZE(units); i++)
			if (!strcmp(p, units[i].name))
				break;
		if (i == ARRAY_SIZE(units))
			return perr_set(e, _("invalid duration '%s': unknown unit '%s' (use ms, s, m, h or d)"), s, p);
		mult = units[i].mult;
	}
	if (whole > (unsigned long long)(INT64_MAX / mult))
		return perr_set(e, _("duration '%s' is too large"), s);
	/* every digit counts, whatever the unit: 0.0000000001d is 8640 ns */
	int64_t total = (int64_t)whole * mult;
	int64_t fpart = frac_of(frac, nfrac, mult);
	if (total > INT64_MAX - fpart)
		return perr_set(e, _("duration '%s' is too large"), s);
	*ns = total + fpart;
	return 0;
}

int parse_dur_sig(const char *s, struct dur_sig *ds, struct perr *e)
{
	const char *colon = strchr(s, ':');
	struct perr inner;
	char *dur;
	int rc;

	if (!colon)
		return perr_set(e, _("invalid DUR:SIG '%s': no ':' (e.g. 5s:KILL)"), s);
	if (colon == s)
		return perr_set(e, _("invalid DUR:SIG '%s': missing duration before ':' (e.g. 5s:KILL)"), s);
	if (!colon[1])
		return perr_set(e, _("invalid DUR:SIG '%s': missing signal after ':' (e.g. 5s:KILL)"), s);
	dur = xstrndup(s, colon - s);
	rc = parse_duration(dur, &ds->delay, &inner) < 0
	     || parse_signal(colon + 1, 0, &ds->signo, &inner) < 0;
	free(dur);
	if (rc)
		return perr_set(e, _("invalid DUR:SIG '%s': %s"), s, inner.msg);
	return 0;
}

int parse_hexmask(const char *s, sigmask64 *mask, struct perr *e)
{
	const char *p = s;
	sigmask64 m = 0;
	int digits = 0;

	if (!*s)
		return perr_set(e, _("empty mask"));
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	for (; *p; p++) {
		int v;
		if (c_isdigit(*p))
			v = *p - '0';
		else if (c_toupper(*p) >= 'A' && c_toupper(*p) <= 'F')
			v = c_toupper(*p) - 'A' + 10;
		else
			return perr_set(e, _("invalid hex mask '%s'"), s);
		/* 17 digits are too many even when the first ones are zeros */
		if (m >> 60 || digits == 16)
			return perr_set(e, _("hex mask '%s' is too long (at most 64 bits)"), s);
		m = m << 4 | v;
		digits++;
	}
	if (!digits)
		return perr_set(e, _("invalid hex mask '%s'"), s);
	*mask = m;
	return 0;
}

int parse_int(const char *s, long long min, long long max, long long *v,
	      const char *what, struct perr *e)
{
	bool neg = *s == '-';
	unsigned long long n = 0;
	const char *end;
	bool ok;

	if (!*s)
		return perr_set(e, _("empty %s"), what);
	if (!c_isdigit(s[neg]))
		return perr_set(e, _("invalid %s '%s'"), what, s);
	ok = scan_uint(s + neg, &end, (unsigned long long)LLONG_MAX + neg, &n);
	if (*end)
		return perr_set(e, _("invalid %s '%s'"), what, s);
	long long val = neg ? (long long)(0 - n) : (long long)n;
	/* "-0" is no more allowed than "-1" when the range has no negatives */
	if (!ok || val < min || val > max || (neg && min >= 0))
		return perr_set(e, _("%s '%s' is out of range (%lld to %lld)"), what, s, min, max);
	*v = val;
	return 0;
}
