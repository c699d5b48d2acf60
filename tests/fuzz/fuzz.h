/* fuzz.h - shared by the libFuzzer harnesses of tests/fuzz: a NUL-ended
 * copy of an input, stdout captured for the encoders, and checkers of
 * UTF-8 and of JSON written independently of out.c. A harness that finds
 * a disagreement says so on stderr and aborts, which libFuzzer reports as
 * a crash and the corpus replay as a failed test. */
#ifndef SIGTOOL_FUZZ_H
#define SIGTOOL_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/out.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_FAIL(...) do {                                             \
		fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__);   \
		fprintf(stderr, __VA_ARGS__);                           \
		fputc('\n', stderr);                                    \
		abort();                                                \
	} while (0)
#define FUZZ_CHECK(cond, ...) do { if (!(cond)) FUZZ_FAIL(__VA_ARGS__); } while (0)

/* The input up to its first NUL, as a string of its own exact size (so a
 * read past its end is seen by ASan). Free it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	size_t n = strnlen((const char *)data, size);
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, data, n);
	s[n] = '\0';
	return s;
}

/* ---- fd 1 into a memfd, for what out.c writes ---- */
static int fuzz_cap_fd = -1, fuzz_cap_saved = -1;

static inline void fuzz_cap_begin(void)
{
	if (fuzz_cap_fd < 0 && (fuzz_cap_fd = memfd_create("fuzz-out", 0)) < 0)
		abort();
	if (ftruncate(fuzz_cap_fd, 0) < 0 || lseek(fuzz_cap_fd, 0, SEEK_SET) < 0)
		abort();
	fflush(stdout);
	fuzz_cap_saved = dup(STDOUT_FILENO);
	if (fuzz_cap_saved < 0 || dup2(fuzz_cap_fd, STDOUT_FILENO) < 0)
		abort();
}

/* What was written, NUL added; *len its length. Free it. */
static inline char *fuzz_cap_end(size_t *len)
{
	off_t n;
	char *buf;

	if (out_flush() < 0)
		FUZZ_FAIL("out_flush failed");
	dup2(fuzz_cap_saved, STDOUT_FILENO);
	close(fuzz_cap_saved);
	n = lseek(fuzz_cap_fd, 0, SEEK_END);
	buf = malloc((size_t)n + 1);
	if (!buf || pread(fuzz_cap_fd, buf, (size_t)n, 0) != n)
		abort();
	buf[n] = '\0';
	*len = (size_t)n;
	return buf;
}

/* ---- UTF-8, by the table of RFC 3629 section 4 ---- */

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 if invalid. */
static inline size_t fuzz_utf8(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		if (c == 0xe0)
			lo = 0xa0;
		if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		if (c == 0xf0)
			lo = 0x90;
		if (c == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return len;
}

static inline void fuzz_put_utf8(char **o, unsigned cp)
{
	unsigned char *p = (unsigned char *)*o;

	if (cp < 0x80) {
		*p++ = cp;
	} else if (cp < 0x800) {
		*p++ = 0xc0 | cp >> 6;
		*p++ = 0x80 | (cp & 0x3f);
	} else if (cp < 0x10000) {
		*p++ = 0xe0 | cp >> 12;
		*p++ = 0x80 | (cp >> 6 & 0x3f);
		*p++ = 0x80 | (cp & 0x3f);
	} else {
		*p++ = 0xf0 | cp >> 18;
		*p++ = 0x80 | (cp >> 12 & 0x3f);
		*p++ = 0x80 | (cp >> 6 & 0x3f);
		*p++ = 0x80 | (cp & 0x3f);
	}
	*o = (char *)p;
}

static inline int fuzz_hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* A JSON string (RFC 8259) at *pp: valid UTF-8, no raw control character,
 * only the escapes the grammar has; decoded into dec (room for as many
 * bytes as the text), its length in *dlen. *pp moves past it. */
static inline bool fuzz_json_string(const char **pp, char *dec, size_t *dlen)
{
	const char *p = *pp;
	char *o = dec;

	if (*p++ != '"')
		return false;
	for (;;) {
		unsigned char c = (unsigned char)*p;
		size_t len;

		if (c == '"')
			break;
		if (c < 0x20)
			return false;           /* a raw control, or the end */
		if (c == '\\') {
			const char *esc = "\"\"\\\\//b\bf\fn\nr\rt\t", *e;
			unsigned cp = 0;

			for (e = esc; *e && *e != p[1]; e += 2)
				;
			if (*e) {
				*o++ = e[1];
				p += 2;
				continue;
			}
			if (p[1] != 'u')
				return false;
			for (int i = 2; i < 6; i++) {
				int h = fuzz_hex(p[i]);
				if (h < 0)
					return false;
				cp = cp << 4 | h;
			}
			if (cp >= 0xd800 && cp <= 0xdfff)
				return false;   /* out.c writes no surrogate pairs */
			fuzz_put_utf8(&o, cp);
			p += 6;
			continue;
		}
		if (!(len = fuzz_utf8((const unsigned char *)p, strlen(p))))
			return false;
		memcpy(o, p, len);
		o += len;
		p += len;
	}
	*dlen = (size_t)(o - dec);
	*pp = p + 1;
	return true;
}

/* A flat JSON object whose values are strings, integers or null: what the
 * siginfo encoder writes. */
static inline bool fuzz_json_flat_object(const char *p)
{
	char *tmp = malloc(strlen(p) + 1);
	bool ok = false;
	size_t n;

	if (!tmp)
		abort();
	if (*p++ != '{')
		goto out;
	for (bool first = true;; first = false) {
		if (*p == '}' && first)
			break;
		if (!fuzz_json_string(&p, tmp, &n) || *p++ != ':')
			goto out;
		if (*p == '"') {
			if (!fuzz_json_string(&p, tmp, &n))
				goto out;
		} else if (!strncmp(p, "null", 4)) {
			p += 4;
		} else {
			if (*p == '-')
				p++;
			if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
				goto out;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p == '}')
			break;
		if (*p++ != ',')
			goto out;
	}
	ok = p[1] == '\0';
out:
	free(tmp);
	return ok;
}

#endif
