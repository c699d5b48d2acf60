/* siginfo-line.h - the shape of a siginfo line, for the unit test and the
 * fuzzer of siginfo.c: NAME code=WORD, then KEY=NUMBER pairs (KEY in
 * lower case, NUMBER decimal with an optional minus), and nothing else. */
#ifndef SIGTOOL_SIGINFO_LINE_H
#define SIGTOOL_SIGINFO_LINE_H

#include <stdbool.h>
#include <string.h>

static inline bool siginfo_line_well_formed(const char *t)
{
	const char *p = strchr(t, ' ');

	if (!p || p == t || strncmp(p, " code=", 6))
		return false;
	for (p += 6; *p && *p != ' '; p++)
		if (!(*p == '_' || *p == '-' || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return false;
	while (*p == ' ') {
		const char *k = ++p;
		while (*p >= 'a' && *p <= 'z')
			p++;
		if (p == k || *p++ != '=')
			return false;
		if (*p == '-')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

#endif
