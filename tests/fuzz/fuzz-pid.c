/* fuzz-pid.c - parse_pid, PID and PID:INODE, against a reading of its
 * own: decimal digits (leading zeros allowed) for 1..INT_MAX, and with
 * INODE a second decimal 1..UINT64_MAX. */
#include "config.h"
#include "fuzz.h"
#include <errno.h>
#include <limits.h>
#include "core/parse.h"

/* A decimal of digits only in [1, max]; the value in *v. */
static bool dec(const char *s, size_t n, unsigned long long max, unsigned long long *v)
{
	char buf[32];

	if (!n || strspn(s, "0123456789") < n)
		return false;
	while (n > 1 && *s == '0')
		s++, n--;
	if (n > 20)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*v = strtoull(buf, NULL, 10);
	return !errno && *v >= 1 && *v <= max;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	const char *colon = strchr(s, ':');
	unsigned long long pid, ino;
	struct pid_spec p;
	struct perr e;
	int rc;

	rc = parse_pid(s, false, &p, &e);
	if (dec(s, strlen(s), INT_MAX, &pid))
		FUZZ_CHECK(rc == 0 && p.pid == (pid_t)pid && !p.has_inode, "PID '%s': %d %d", s, rc, p.pid);
	else
		FUZZ_CHECK(rc < 0, "'%s' accepted as PID %d", s, p.pid);

	rc = parse_pid(s, true, &p, &e);
	if (!colon && dec(s, strlen(s), INT_MAX, &pid))
		FUZZ_CHECK(rc == 0 && p.pid == (pid_t)pid && !p.has_inode, "PID '%s' (inode allowed)", s);
	else if (colon && dec(s, colon - s, INT_MAX, &pid) && dec(colon + 1, strlen(colon + 1), ULLONG_MAX, &ino))
		FUZZ_CHECK(rc == 0 && p.pid == (pid_t)pid && p.has_inode && p.inode == ino,
			   "PID:INODE '%s': %d", s, rc);
	else
		FUZZ_CHECK(rc < 0, "'%s' accepted as PID:INODE %d:%llu", s, p.pid,
			   (unsigned long long)p.inode);
	free(s);
	return 0;
}
