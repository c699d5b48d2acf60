/* pidfd.h - process file descriptors: open, signal, identify and wait on a
 * process through a pidfd, so that a recycled PID is never signalled.
 * The calls go through syscall(2) and are detected at run time: ENOSYS
 * means a kernel before 5.3, EINVAL on the newer flags a kernel before 6.9. */
#ifndef SIGTOOL_PIDFD_H
#define SIGTOOL_PIDFD_H

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

/* pidfd_open() flag (Linux 6.9): a pidfd for one thread, which may be any
 * TID rather than a thread-group leader. */
#ifndef PIDFD_THREAD
# define PIDFD_THREAD O_EXCL
#endif
/* pidfd_send_signal() flags (Linux 6.9): whom the signal is for. */
#ifndef PIDFD_SIGNAL_THREAD
# define PIDFD_SIGNAL_THREAD        (1U << 0)
# define PIDFD_SIGNAL_THREAD_GROUP  (1U << 1)
# define PIDFD_SIGNAL_PROCESS_GROUP (1U << 2)
#endif
/* statfs() f_type of pidfs, where pidfds live from Linux 6.9 on. */
#define PIDFS_MAGIC 0x50494446

/* pidfd_open(2): a pidfd (close-on-exec), or -1 with errno (ENOSYS: no
 * pidfds; ESRCH: no such process; EINVAL: PID is a thread, not a process,
 * or flags unknown to this kernel). */
int pfd_open(pid_t pid, unsigned flags);

/* Whether the kernel has pidfd_open (Linux 5.3+): asked once, then cached. */
bool pfd_supported(void);

/* pidfd_send_signal(2), with info (may be NULL) and flags; 0 or -1/errno. */
int pfd_send(int pidfd, int signo, const siginfo_t *info, unsigned flags);

/* The pidfs inode of a pidfd, the number util-linux's getino prints: it
 * names one process for the life of the system. -1 with errno EOPNOTSUPP
 * when pidfds are not on pidfs (kernels before 6.9), or fstatfs's errno. */
int pfd_inode(int pidfd, uint64_t *ino);

/* 1 if fd is an open pidfd, 0 if it is open but something else, -1 with
 * errno EBADF if it is not open. */
int pfd_is_pidfd(int fd);

/* The PID of a pidfd in our PID namespace, from /proc/self/fdinfo: > 0,
 * 0 when the process is in no namespace we can see, -1 when it has ended
 * (as the kernel reports it), or -2 with errno when fdinfo cannot be read. */
pid_t pfd_pid(int pidfd);

/* Whether the process of a pidfd has ended (its pidfd polls readable). */
bool pfd_ended(int pidfd);

/* The wait status (as waitpid(2) gives it) of the ended process of pidfd
 * (PID pid): from PIDFD_GET_INFO once it is reaped (Linux 6.15+), or from
 * /proc/PID/stat while it is a zombie, confirmed through the pidfd to be
 * the same process. 0, or -1 when neither can tell (an older kernel and a
 * reaped process, or a stat we may not read). */
int pfd_exit_status(int pidfd, pid_t pid, int *status);

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t mono_ns(void);

/* Poll the pidfds of p[0..n) (entries with fd < 0 are skipped) for their
 * process ending, until at least one has or until deadline (mono_ns() time;
 * negative for none), an absolute time: time spent stopped counts. Returns how many have ended (their revents set), 0 at
 * the deadline, -1 with errno on failure. */
int pfd_wait(struct pollfd *p, size_t n, int64_t deadline);

#endif
