/* sigs.h - signal names for the test helpers, independent of sigtool: the
 * helpers must not share the code they check. */
#ifndef TESTS_SIGS_H
#define TESTS_SIGS_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "USR1", "SIGUSR1", "10", "RTMIN", "RTMIN+2"; exits 2 on anything else. */
static inline int sig_arg(const char *s)
{
	char *end;

	if (!strncmp(s, "SIG", 3))
		s += 3;
	if (s[0] >= '0' && s[0] <= '9') {
		long n = strtol(s, &end, 10);
		if (!*end && n > 0 && n < NSIG)
			return (int)n;
	} else if (!strncmp(s, "RTMIN", 5)) {
		long n = s[5] == '+' ? strtol(s + 6, &end, 10) : 0;
		if ((!s[5] || (s[5] == '+' && !*end)) && SIGRTMIN + n <= SIGRTMAX)
			return SIGRTMIN + (int)n;
	} else {
		for (int i = 1; i < 32; i++) {
			const char *a = sigabbrev_np(i);
			if (a && !strcmp(a, s))
				return i;
		}
	}
	fprintf(stderr, "bad signal '%s'\n", s);
	exit(2);
}

/* Each signal of a comma-separated list into set. */
static inline void sig_list(char *list, sigset_t *set)
{
	for (char *w = strtok(list, ","); w; w = strtok(NULL, ","))
		sigaddset(set, sig_arg(w));
}

static inline const char *code_name(int code, char buf[16])
{
	switch (code) {
	case SI_USER:   return "SI_USER";
	case SI_QUEUE:  return "SI_QUEUE";
	case SI_TKILL:  return "SI_TKILL";
	case SI_KERNEL: return "SI_KERNEL";
	}
	snprintf(buf, 16, "%d", code);
	return buf;
}

/* Write text to file atomically: readers see all of it or no file. */
static inline void write_ready(const char *file, const char *text)
{
	char tmp[4096];
	FILE *f;

	snprintf(tmp, sizeof tmp, "%s.tmp", file);
	if (!(f = fopen(tmp, "w")) || fputs(text, f) == EOF || fclose(f) == EOF
	    || rename(tmp, file) < 0) {
		perror(file);
		exit(1);
	}
}

#endif
