/* withpidfd - hand a pidfd to a command, or print its pidfs inode.
 *
 * withpidfd -i PID           print the pidfs inode of PID (as getino does);
 *                            status 3 if pidfds are not on pidfs (< 6.9)
 * withpidfd PID FD CMD...    run CMD with a pidfd of PID open as FD */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
# define SYS_pidfd_open 434
#endif

static int open_pidfd(const char *word)
{
	int fd = (int)syscall(SYS_pidfd_open, atoi(word), 0);

	if (fd < 0) {
		fprintf(stderr, "withpidfd: pidfd_open %s: %s\n", word, strerror(errno));
		exit(1);
	}
	return fd;
}

int main(int argc, char **argv)
{
	struct stat st;
	int fd, want;

	if (argc == 3 && !strcmp(argv[1], "-i")) {
		struct statfs sf;
		fd = open_pidfd(argv[2]);
		if (fstatfs(fd, &sf) < 0 || fstat(fd, &st) < 0)
			return 1;
		if (sf.f_type != 0x50494446)    /* PIDFS_MAGIC */
			return 3;
		printf("%llu\n", (unsigned long long)st.st_ino);
		return 0;
	}
	if (argc < 4) {
		fprintf(stderr, "usage: withpidfd -i PID | withpidfd PID FD CMD...\n");
		return 2;
	}
	fd = open_pidfd(argv[1]);
	want = atoi(argv[2]);
	if (fd != want && (dup2(fd, want) < 0 || close(fd) < 0))
		return 1;
	fcntl(want, F_SETFD, 0);        /* inherited across exec */
	execvp(argv[3], argv + 3);
	fprintf(stderr, "withpidfd: %s: %s\n", argv[3], strerror(errno));
	return 127;
}
