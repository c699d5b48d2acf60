/* parse.c - strict parsers for everything a user types. */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <regex.h>
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
	char *full = NULL;
	int n;
	size_t head, tail;

	va_start(ap, fmt);
	n = vasprintf(&full, fmt, ap);
	va_end(ap);
	if (n < 0) {
		snprintf(e->msg, sizeof e->msg, "%s", fmt);
		return -1;
	}
	if ((size_t)n < sizeof e->msg) {
		memcpy(e->msg, full, (size_t)n + 1);
	} else {
		/* A long word (a pattern of 100 KB) would push out the reason
		 * that follows it: the middle goes, at character boundaries. */
		head = (sizeof e->msg - 4) / 3;
		tail = sizeof e->msg - 4 - head - 1;
		while (head > 0 && (full[head] & 0xC0) == 0x80)
			head--;
		while (tail > 0 && (full[n - tail] & 0xC0) == 0x80)
			tail--;
		memcpy(e->msg, full, head);
		memcpy(e->msg + head, "...", 3);
		memcpy(e->msg + head + 3, full + n - tail, tail + 1);
	}
	free(full);
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

/* A decimal number as written: its digits (the integer part, then the
 * fraction's, without the point) and where the point falls among them,
 * moved by an exponent: "12.5e1" is "125" with the point after 3 digits.
 * Nothing is copied, so no number of digits is too many. */
struct decimal {
	const char *ip, *fp;    /* the integer and the fraction digits */
	size_t ni, nf;
	long point;             /* digits before the point; may be < 0 */
};

/* Digit k of the number (0 is the first written), '0' outside them. */
static int decimal_digit(const struct decimal *d, long k)
{
	if (k < 0 || (size_t)k >= d->ni + d->nf)
		return 0;
	return ((size_t)k < d->ni ? d->ip[k] : d->fp[k - d->ni]) - '0';
}

/* digits [. digits] [e|E [+|-] digits], or . digits [...], as strtod reads
 * them (timeout(1)'s "1e-3", ".5"), but no sign, blanks, hex, NaN or
 * infinity. 0 with *end after it, or -1. An "e" without digits after it is
 * left for the unit, which it is not. */
static int scan_decimal(const char *s, const char **end, struct decimal *d, bool exponent)
{
	const char *p = s;
	long x = 0;
	bool neg;

	d->ip = p;
	while (c_isdigit(*p))
		p++;
	d->ni = p - s;
	d->fp = p;
	d->nf = 0;
	if (*p == '.') {
		if (!c_isdigit(p[1]))
			return -1;
		d->fp = ++p;
		while (c_isdigit(*p))
			p++;
		d->nf = p - d->fp;
	}
	if (p == s)
		return -1;
	d->point = d->ni;
	if (exponent && (*p == 'e' || *p == 'E') && (c_isdigit(p[1])
	    || ((p[1] == '+' || p[1] == '-') && c_isdigit(p[2])))) {
		neg = p[1] == '-';
		for (p += 1 + !c_isdigit(p[1]); c_isdigit(*p); p++)
			if (x < 100000000)
				x = x * 10 + (*p - '0');
		d->point += neg ? -x : x;
	}
	*end = p;
	return 0;
}

/* floor(d * mult) exactly, in ns; -1 above INT64_MAX. The fraction by
 * Horner's rule from the last digit: floor((a + floor(x)) / 10) =
 * floor((a + x) / 10) for an integer a, and every value stays below
 * 10 * mult. */
static int decimal_ns(const struct decimal *d, int64_t mult, int64_t *ns)
{
	long n = (long)(d->ni + d->nf), first = 0;
	unsigned __int128 whole = 0, frac = 0, total;

	while (first < n && !decimal_digit(d, first))
		first++;                /* leading zeros */
	*ns = 0;
	if (first == n)
		return 0;
	if (d->point - first > 20)      /* 1e20 and more: above INT64_MAX ns */
		return -1;
	for (long k = first; k < d->point; k++)
		whole = whole * 10 + decimal_digit(d, k);
	for (long k = n - 1; k >= d->point && (k >= 0 || frac); k--)
		frac = (decimal_digit(d, k) * (unsigned __int128)mult + frac) / 10;
	total = whole * (unsigned __int128)mult + frac;
	if (total > INT64_MAX)
		return -1;
	*ns = (int64_t)total;
	return 0;
}

static int duration(const char *s, bool exponent, int64_t *ns, struct perr *e)
{
	static const struct { const char *name; int64_t mult; } units[] = {
		{ "ms", 1000000LL }, { "s", 1000000000LL }, { "m", 60000000000LL },
		{ "h", 3600000000000LL }, { "d", 86400000000000LL },
	};
	int64_t mult = 1000000000LL;
	struct decimal d;
	const char *p;

	if (!*s)
		return perr_set(e, _("empty duration"));
	if (*s == '-')
		return perr_set(e, _("invalid duration '%s': it is negative"), s);
	if ((!c_isdigit(*s) && *s != '.') || scan_decimal(s, &p, &d, exponent) < 0)
		return perr_set(e, _("invalid duration '%s' (a non-negative number with an optional unit ms, s, m, h or d)"), s);
	if (*p) {
		size_t i;
		for (i = 0; i < ARRAY_SIZE(units); i++)
			if (!strcmp(p, units[i].name))
				break;
		if (i == ARRAY_SIZE(units))
			return perr_set(e, _("invalid duration '%s': unknown unit '%s' (use ms, s, m, h or d)"), s, p);
		mult = units[i].mult;
	}
	/* every digit counts, whatever the unit: 0.0000000001d is 8640 ns */
	if (decimal_ns(&d, mult, ns) < 0)
		return perr_set(e, _("duration '%s' is too large"), s);
	return 0;
}

int parse_duration(const char *s, int64_t *ns, struct perr *e)
{
	return duration(s, false, ns, e);
}

int parse_duration_exp(const char *s, int64_t *ns, struct perr *e)
{
	return duration(s, true, ns, e);
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

/* NAME's ID in FILE (/etc/passwd or /etc/group: "name:x:id:..."). Read
 * directly, not through NSS, which a static binary cannot load. */
static bool id_lookup(const char *file, const char *name, unsigned *id)
{
	FILE *f = fopen(file, "re");
	char line[1024];
	size_t len = strlen(name);
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof line, f)) {
		const char *p = line + len;
		unsigned long long v;
		if (strncmp(line, name, len) || *p != ':' || !(p = strchr(p + 1, ':')))
			continue;
		if (scan_uint(p + 1, &p, UINT_MAX - 1, &v) && *p == ':') {
			*id = (unsigned)v;
			found = true;
		}
	}
	fclose(f);
	return found;
}

/* One user, group or number of a list: the word in [w, w + len). */
static int parse_id(const char *w, size_t len, enum idkind kind, unsigned *id, struct perr *e)
{
	static const char *const what[] = { N_("user"), N_("group"), N_("number") };
	char word[256];
	unsigned long long v;
	const char *end;

	if (!len || len >= sizeof word)
		return perr_set(e, len ? _("%s name too long") : _("empty %s"), _(what[kind]));
	memcpy(word, w, len);
	word[len] = '\0';
	if (scan_uint(word, &end, UINT_MAX - 1, &v) && !*end) {
		*id = (unsigned)v;
		return 0;
	}
	if (kind != ID_NUMBER && id_lookup(kind == ID_USER ? "/etc/passwd" : "/etc/group", word, id))
		return 0;
	return perr_set(e, _("unknown %s '%s'"), _(what[kind]), word);
}

void idlist_add(struct idlist *l, unsigned id)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->id = xrealloc(l->id, l->cap * sizeof *l->id);
	}
	l->id[l->n++] = id;
}

void idlist_free(struct idlist *l)
{
	free(l->id);
	*l = (struct idlist){ 0 };
}

int parse_idlist(const char *s, enum idkind kind, struct idlist *l, struct perr *e)
{
	const char *p = s;

	for (;;) {
		size_t len = strcspn(p, ",");
		unsigned id;
		if (parse_id(p, len, kind, &id, e) < 0)
			return -1;
		idlist_add(l, id);
		if (!p[len])
			return 0;
		p += len + 1;
	}
}

/* What the guard knows of a part of a pattern: its branch points (each
 * copy counted), its repetitions of what may already match empty ("a?*",
 * "(a?)?", "(a|)?", each copy counted), its other empty ways (anchors
 * such as ^, $, \<, and alternatives that may be empty, as in "(a||b)":
 * glibc walks each), and whether it may match empty. */
struct ere {
	double cost, empty_reps, empties;
	bool nullable;
};

/* Its weight: the branch points, plus 2^k for k repetitions of what may
 * match empty, whose epsilon closures glibc walks every way round:
 * "(a??){25}*" takes 5 s, "a?*{,5}{9}" minutes, each one more doubling. */
static double ere_weight(struct ere a)
{
	return a.cost + (a.empty_reps > 60 ? HUGE_VAL : ldexp(1, (int)a.empty_reps) - 1);
}

/* a, then b: the sums of their branch points and empty ways */
static void ere_add(struct ere *a, struct ere b)
{
	a->cost += b.cost;
	a->empty_reps += b.empty_reps;
	a->empties += b.empties;
}

static struct ere ere_alt(const char **p, int depth);

/* Past the bracket expression at p ('['), classes such as [:alpha:] in it. */
static const char *ere_bracket(const char *p)
{
	p += 1 + (p[1] == '^');
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *q = strchr(p + 2, p[1]);
			while (q && q[1] != ']')
				q = strchr(q + 1, p[1]);
			p = q ? q + 2 : p + strlen(p);
		} else {
			p++;
		}
	}
	return *p ? p + 1 : p;
}

/* The repetition at *p as {min, max} (max < 0: no bound), or false. */
static bool ere_rep(const char **p, double *min, double *max)
{
	const char *s = *p;

	switch (*s) {
	case '*': *min = 0, *max = -1; break;
	case '+': *min = 1, *max = -1; break;
	case '?': *min = 0, *max = 1; break;
	case '{': {
		/* {m}, {m,}, {m,n} and glibc's {,n}, read as glibc reads them:
		 * an escaped digit or comma counts ("{,10\\020}" is {,10020}) */
		const char *q = s + 1;
		double n[2] = { -1, -1 };
		int i = 0;
		for (;;) {
			char c = *q;
			bool esc = c == '\\' && q[1];
			if (!c)
				return false;
			c = esc ? q[1] : c;
			q += 1 + esc;
			if (c == '}' && !esc)
				break;
			if (c == ',' && i++ == 0)
				continue;
			if (!c_isdigit(c) || i > 1)
				return false;
			n[i] = n[i] < 0 ? c - '0' : n[i] > 1e6 ? n[i] : n[i] * 10 + (c - '0');
		}
		if (n[0] < 0 && i == 0)
			return false;
		*min = n[0] < 0 ? 0 : n[0];
		*max = i == 0 ? *min : n[1];
		*p = q;
		return true;
	}
	default:
		return false;
	}
	*p = s + 1;
	return true;
}

/* The atom a repeated {min, max} times, as glibc builds it: the copies it
 * unrolls, a branch point each. */
static struct ere ere_repeat(struct ere a, double min, double max)
{
	double copies = max < 0 ? min + 1 : max > min ? max : min > 1 ? min : 1;

	/* each empty way round also passes the empty ways inside
	 * ("((^)?$){8}*": 3 s, six times more with each copy) */
	if (a.nullable && (max < 0 || max > min))
		a.empty_reps += (max < 0 ? 1 : max - min) * (1 + a.empties);
	a.cost = (a.cost + 1) * copies;
	a.empty_reps *= copies;
	a.empties *= copies;
	a.nullable = a.nullable || min == 0;
	return a;
}

/* The branches at *p, up to a ')' or the end. */
static struct ere ere_alt(const char **p, int depth)
{
	struct ere total = { 0, 0, 0, false }, branch = { 0, 0, 0, true };
	bool alternatives = false;

	for (;;) {
		const char *s = *p;
		struct ere atom = { 0, 0, 0, false };
		double min, max;
		/* outside any group, glibc takes ')' as a letter */
		if (!*s || (*s == ')' && depth > 0) || *s == '|') {
			alternatives = alternatives || *s == '|';
			ere_add(&total, branch);
			total.cost += *s == '|';
			total.empties += alternatives && branch.nullable;
			total.nullable = total.nullable || branch.nullable;
			if (*s != '|')
				return total;
			*p = s + 1;
			branch = (struct ere){ 0, 0, 0, true };
			continue;
		}
		if (*s == '(') {
			*p = s + 1;
			if (depth >= REGEX_DEPTH_MAX)
				return (struct ere){ HUGE_VAL, 0, 0, false };
			atom = ere_alt(p, depth + 1);
			*p += **p == ')';
		} else if (*s == '[') {
			*p = ere_bracket(s);
		} else {
			/* anchors and glibc's word boundaries match empty */
			atom.nullable = *s == '^' || *s == '$' ||
					(*s == '\\' && s[1] && strchr("bB<>`'", s[1]));
			atom.empties = atom.nullable;
			*p = s + 1 + (*s == '\\' && s[1]);
		}
		while (ere_rep(p, &min, &max))
			atom = ere_repeat(atom, min, max);
		ere_add(&branch, atom);
		branch.nullable = branch.nullable && atom.nullable;
		atom = total;
		ere_add(&atom, branch);
		if (ere_weight(atom) > REGEX_COST_MAX)
			return (struct ere){ HUGE_VAL, 0, 0, false };
	}
}

/* Heavier than REGEX_COST_MAX, or groups deeper than REGEX_DEPTH_MAX? */
static bool ere_too_costly(const char *s)
{
	return ere_weight(ere_alt(&s, 0)) > REGEX_COST_MAX;
}

int regex_compile(regex_t *re, const char *pat, const char *shown, int cflags, struct perr *e)
{
	char why[160];
	int rc;

	if (!*shown)
		return perr_set(e, _("empty pattern (it would match every process)"));
	if (ere_too_costly(pat))
		return perr_set(e, _("pattern '%s' is too complex: its repetitions and alternatives "
				     "would make more than %d branch points, or its groups nest "
				     "more than %d deep"),
				shown, REGEX_COST_MAX, REGEX_DEPTH_MAX);
	if ((rc = regcomp(re, pat, REG_EXTENDED | cflags)) != 0) {
		regerror(rc, re, why, sizeof why);
		return perr_set(e, _("invalid pattern '%s': %s"), shown, why);
	}
	return 0;
}

int parse_regex(const char *s, struct perr *e)
{
	regex_t re;

	if (regex_compile(&re, s, s, REG_NOSUB, e) < 0)
		return -1;
	regfree(&re);
	return 0;
}
