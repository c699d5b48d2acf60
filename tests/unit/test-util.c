/* test-util.c - write_all: the one write-everything loop of the core, driven
 * by a fake write call that writes a little at a time, is interrupted, fails,
 * and by a real pipe whose reader has gone. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "core/util.h"
#include "tap.h"

/* The fake: takes at most `chunk` bytes a call, into `sink`; the calls
 * numbered in `eintr_at` fail with EINTR, the call `fail_at` with EIO. */
static char sink[256];
static size_t sunk, chunk;
static int calls, eintr_at[4], fail_at;

static ssize_t fake_write(int fd, const void *p, size_t n)
{
	(void)fd;
	calls++;
	for (size_t i = 0; i < sizeof eintr_at / sizeof *eintr_at; i++)
		if (eintr_at[i] == calls) {
			errno = EINTR;
			return -1;
		}
	if (calls == fail_at) {
		errno = EIO;
		return -1;
	}
	if (n > chunk)
		n = chunk;
	memcpy(sink + sunk, p, n);
	sunk += n;
	return (ssize_t)n;
}

static void reset(size_t c)
{
	memset(sink, 0, sizeof sink);
	sunk = 0;
	chunk = c;
	calls = 0;
	memset(eintr_at, 0, sizeof eintr_at);
	fail_at = 0;
}

int main(void)
{
	static const char msg[] = "USR1 code=SI_QUEUE pid=4242 uid=0 value=42\n";
	size_t len = sizeof msg - 1;
	int fds[2];

	reset(1000);
	is_int(write_all(1, msg, len, fake_write), 0, "one call writes everything");
	is_int(calls, 1, "  in one call");
	is_str(sink, msg, "  all of it");

	reset(5);
	is_int(write_all(1, msg, len, fake_write), 0, "short writes are continued");
	is_int(calls, (int)((len + 4) / 5), "  one call per 5 bytes");
	is_str(sink, msg, "  in order, nothing lost or repeated");

	reset(7);
	eintr_at[0] = 1, eintr_at[1] = 3, eintr_at[2] = 4;
	is_int(write_all(1, msg, len, fake_write), 0, "EINTR is retried");
	is_str(sink, msg, "  and the data still arrive whole");

	reset(10);
	fail_at = 3;
	errno = 0;
	is_int(write_all(1, msg, len, fake_write), -1, "an error ends the loop");
	is_int(errno, EIO, "  with the call's errno");
	is_int((long long)sunk, 20, "  after what was written before it");
	is_int(calls, 3, "  and no call after it");

	reset(10);
	is_int(write_all(1, msg, 0, fake_write), 0, "nothing to write: success");
	is_int(calls, 0, "  without a call");

	/* A real pipe with no reader: EPIPE (SIGPIPE ignored here for the test). */
	signal(SIGPIPE, SIG_IGN);
	if (pipe(fds) == 0) {
		close(fds[0]);
		errno = 0;
		is_int(write_all(fds[1], msg, len, write), -1, "write to a pipe with no reader fails");
		is_int(errno, EPIPE, "  with EPIPE");
		close(fds[1]);
	}
	return done_testing();
}
