/* sendpidfile.c - the PID a --pidfile of `send` names, read strictly: one
 * decimal PID and an optional newline, nothing else. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "parse.h"
#include "send.h"
#include "util.h"

static bool has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return true;
	return false;
}

int send_read_pidfile(const char *file, pid_t *pid, int *read_err, struct perr *e)
{
	char buf[32];
	struct pid_spec p;
	struct perr inner;
	ssize_t n = read_small(file, buf, sizeof buf);

	*read_err = n < 0 ? errno : 0;
	if (n < 0)
		return 1;
	if ((size_t)n == sizeof buf)
		return perr_set(e, _("pidfile '%s' holds more than a PID"), file);
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
	if (n == 0)
		return perr_set(e, _("pidfile '%s' is empty"), file);
	if (memchr(buf, '\0', n) || has_control(buf))
		return perr_set(e, _("pidfile '%s' does not hold one PID and a newline"), file);
	if (parse_pid(buf, false, &p, &inner) < 0)
		return perr_set(e, _("pidfile '%s': %s"), file, inner.msg);
	*pid = p.pid;
	return 0;
}
