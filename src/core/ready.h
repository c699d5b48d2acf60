/* ready.h - telling others that a process is ready for signals: a pidfile
 * written atomically and removed at a normal end, or a line on a file
 * descriptor. */
#ifndef SIGTOOL_READY_H
#define SIGTOOL_READY_H

/* Remove the pidfile now if it is still ours (same inode); done by atexit. */
void pidfile_remove(void);

/* As the verbs announce readiness: with a pidfile if not NULL, then with a
 * line on fd if it is not -1.
 * The pidfile gets "PID\n" of this process through a temporary file in the
 * same directory (O_EXCL, so never through a symlink), then rename(2), which
 * replaces a symlink at path rather than following it: a reader sees no file
 * or the whole line. It is removed at exit() if it is still the one written.
 * fd gets "PID\n", then is closed (unless it is 0, 1 or 2; for 1, what is
 * buffered for stdout is written first), with no SIGPIPE for a reader that
 * is gone (EPIPE instead) and no change to the mask or dispositions that the
 * reader of the line could see. On failure a message and exit(fail); a
 * reader of stdout that is gone (--ready-fd 1) ends sigtool quietly, as for
 * any output. */
void ready_announce(const char *pidfile, int fd, int fail);

#endif
