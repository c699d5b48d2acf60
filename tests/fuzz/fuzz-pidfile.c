/* fuzz-pidfile.c - send_read_pidfile on a file of any bytes (a memfd,
 * through /proc/self/fd): it reads one PID, optionally newline-ended, and
 * agrees with parse_pid on it, or refuses with a message. */
#include "config.h"
#include "fuzz.h"
#include "core/parse.h"
#include "core/send.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct pid_spec p;
	struct perr e, e2;
	pid_t pid = -5;
	int read_err = -1, rc;

	if (fd < 0) {
		if ((fd = memfd_create("pidfile", 0)) < 0)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) < 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	rc = send_read_pidfile(path, &pid, &read_err, &e);
	FUZZ_CHECK(rc != 1 && read_err == 0, "a memfd could not be read: %d", read_err);
	size_t n = size && data[size - 1] == '\n' ? size - 1 : size;
	bool clean = n && !memchr(data, '\0', n);
	char *s = fuzz_cstr(data, n);
	bool good = clean && strspn(s, "0123456789") == n && parse_pid(s, false, &p, &e2) == 0;
	FUZZ_CHECK(good == (rc == 0), "pidfile of %zu bytes: %d, parse_pid %d", size, rc, good);
	if (good)
		FUZZ_CHECK(pid == p.pid, "pidfile read %d, parse_pid %d", pid, p.pid);
	else
		FUZZ_CHECK(e.msg[0], "no message");
	free(s);
	return 0;
}
