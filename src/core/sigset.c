/* sigset.c - a set of signals as names, JSON and hex; masks found in lines
 * of text. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "out.h"
#include "sig.h"
#include "sigset.h"
#include "util.h"

/* The name of bit n (signal n), or n itself for a bit that is no signal. */
static const char *bit_name(int n, char buf[24])
{
	if (sig_valid(n))
		return sig_name(n, buf);
	return fmt_uint(buf, n);
}

const char *sigset_text(sigmask64 m, char *buf, size_t size)
{
	size_t len = 0;

	if (!m) {
		snprintf(buf, size, "-");
		return buf;
	}
	buf[0] = '\0';
	for (int n = 1; n <= 64; n++) {
		char nb[24];
		const char *name;
		size_t k;

		if (!(m & SIGBIT(n)))
			continue;
		name = bit_name(n, nb);
		k = strlen(name);
		if (len + k + 2 > size)
			break;
		if (len)
			buf[len++] = ',';
		memcpy(buf + len, name, k + 1);
		len += k;
	}
	return buf;
}

void json_sigset(sigmask64 m)
{
	bool first = true;

	out_putc('[');
	for (int n = 1; n <= 64; n++) {
		char nb[24];

		if (!(m & SIGBIT(n)))
			continue;
		if (!first)
			out_putc(',');
		first = false;
		json_str(bit_name(n, nb));
	}
	out_putc(']');
}

const char *sigset_hex(sigmask64 m, char buf[17])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 15; i >= 0; i--, m >>= 4)
		buf[i] = hex[m & 15];
	buf[16] = '\0';
	return buf;
}

bool sigset_hex_word(const char *w, size_t n, sigmask64 *m)
{
	char tmp[24];
	struct perr e;
	size_t digits = n;

	if (n > 2 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X'))
		digits = n - 2;
	else if (n != 16)
		return false;
	if (n >= sizeof tmp || digits == 0 || digits > 16)
		return false;
	memcpy(tmp, w, n);
	tmp[n] = '\0';
	return parse_hexmask(tmp, m, &e) == 0;
}

static const char blanks[] = " \t";

/* The length of the run of blanks (or of non-blanks) at s[0 .. len). */
static size_t span(const char *s, size_t len, bool blank)
{
	size_t i = 0;

	while (i < len && (memchr(blanks, s[i], 2) != NULL) == blank)
		i++;
	return i;
}

int sigline_start(struct sigline *l, const char *s, size_t len, sigmask64 *m,
		  struct perr *e)
{
	size_t b = span(s, len, true), n = span(s + b, len - b, false);

	*l = (struct sigline){ .s = s, .len = len };
	if (n && b + n + span(s + b + n, len - b - n, true) == len) {
		char word[sizeof e->msg];

		/* one word: it must be a mask */
		snprintf(word, sizeof word, "%.*s", (int)n, s + b);
		return parse_hexmask(word, m, e) < 0 ? -1 : 1;
	}
	if (n && s[b + n - 1] == ':')
		l->label = s + b, l->label_len = n - 1;
	return 0;
}

int sigline_next(struct sigline *l, const char **text, size_t *n, sigmask64 *m)
{
	const char *p = l->s + l->at;
	size_t rest = l->len - l->at;

	if (!rest)
		return 0;
	*text = p;
	*n = span(p, rest, true);
	if (!*n)
		*n = span(p, rest, false);
	l->at += *n;
	return p[0] != ' ' && p[0] != '\t' && sigset_hex_word(p, *n, m) ? 2 : 1;
}
