/* capture.h - what out.c writes to fd 1, read back in a unit test: fd 1 is
 * a temporary file between cap_begin() and cap_end(). */
#ifndef SIGTOOL_CAPTURE_H
#define SIGTOOL_CAPTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/out.h"

static FILE *cap_file;
static int cap_saved = -1;
static char *cap_buf;
static size_t cap_len;

static void cap_begin(void)
{
	fflush(stdout);         /* TAP lines so far go to the real stdout */
	cap_file = tmpfile();
	cap_saved = dup(STDOUT_FILENO);
	if (!cap_file || cap_saved < 0 || dup2(fileno(cap_file), STDOUT_FILENO) < 0) {
		perror("capture");
		exit(99);       /* a hard error for the TAP driver */
	}
}

/* Flush sigtool's buffer, restore fd 1, return what was written (NUL added). */
static const char *cap_end(void)
{
	struct stat st;
	int rc = out_flush();

	dup2(cap_saved, STDOUT_FILENO);
	close(cap_saved);
	if (rc < 0 || fstat(fileno(cap_file), &st) < 0) {
		perror("capture");
		exit(99);
	}
	free(cap_buf);
	cap_len = st.st_size;
	cap_buf = malloc(cap_len + 1);
	if (!cap_buf || pread(fileno(cap_file), cap_buf, cap_len, 0) != (ssize_t)cap_len) {
		perror("capture");
		exit(99);
	}
	cap_buf[cap_len] = '\0';
	fclose(cap_file);
	return cap_buf;
}

#endif
