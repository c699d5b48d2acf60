/* sigset.c - a set of signals as names, JSON and hex. */
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
