/* run.c - running a COMMAND with the signal state sigtool was started with:
 * a child started as posix_spawn starts one, or exec, the 125/126/127
 * convention, and waiting with a pidfd. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "msg.h"
#include "pidfd.h"
#include "run.h"
#include "util.h"

void run_env_save(struct run_env *env)
{
	sigprocmask(SIG_SETMASK, NULL, &env->mask);
	env->ignore = env->dfl = 0;
	env->own_group = false;
	env->pdeathsig = 0;
}

/* Dispositions, then the mask: no signal is let in before its disposition
 * is COMMAND's. */
static void apply_env(const struct run_env *env)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	for (int s = sig_first(); s; s = sig_next(s)) {
		if (!(env->ignore & SIGBIT(s)) && !(env->dfl & SIGBIT(s)))
			continue;
		sa.sa_handler = env->ignore & SIGBIT(s) ? SIG_IGN : SIG_DFL;
		sigaction(s, &sa, NULL);
	}
	sigprocmask(SIG_SETMASK, &env->mask, NULL);
}

static int exec_status(int err)
{
	return err == ENOENT || err == ENOTDIR ? EXIT_ENOENT : EXIT_CANNOT_INVOKE;
}

/* Whether path is a file execve() may try: 0, or the errno it would give. */
static int runnable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EACCES;
	return faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) < 0 ? errno : 0;
}

int run_lookup(const char *file)
{
	const char *path, *p;
	char buf[PATH_MAX];
	bool denied = false;

	if (!*file)
		return ENOENT;
	if (strchr(file, '/'))
		return runnable(file);
	/* glibc's execvp: PATH, or the system default; an empty entry is the
	 * current directory; EACCES somewhere wins over ENOENT. */
	if (!(path = getenv("PATH")))
		path = "/bin:/usr/bin";
	for (p = path;; p++) {
		const char *end = strchrnul(p, ':');
		int len = (int)(end - p), err;

		if (snprintf(buf, sizeof buf, "%.*s%s%s", len, p, len ? "/" : "", file)
		    < (int)sizeof buf) {
			err = runnable(buf);
			if (!err)
				return 0;
			denied |= err == EACCES;
		}
		if (!*end)
			break;
		p = end;
	}
	return denied ? EACCES : ENOENT;
}

int run_exec(char *const argv[], const struct run_env *env)
{
	apply_env(env);
	execvp(argv[0], argv);
	return run_exec_failed(argv[0], errno);
}

int run_exec_failed(const char *file, int err)
{
	errno = err;
	warn_(_("cannot run '%s'"), file);
	return exec_status(err);
}

/* What the child of run_spawn() needs; it runs on its own stack in
 * sigtool's memory (CLONE_VM), sigtool stopped until it execs or exits. */
struct spawn {
	char *const *argv;
	const struct run_env *env;
	int errfd;
	pid_t parent;
};

/* In the child, between clone and exec: only async-signal-safe calls, and
 * no write to sigtool's memory outside this stack. Every signal is blocked
 * (run_spawn blocks them before the clone), and a signal with a handler
 * gets its default before any is let in, so that no handler of sigtool's
 * runs here (exec would reset them anyway). PR_SET_PDEATHSIG is checked
 * against the parent that cloned: if sigtool died before the prctl, no
 * signal will ever come, and COMMAND is not run.
 * Not instrumented by ASan: on a stack ASan does not know, its _exit()
 * warns, and the redzones of a frame that never returns would stay
 * poisoned in the shadow memory sigtool shares. */
__attribute__((no_sanitize_address))
static int child(void *arg)
{
	const struct spawn *a = arg;
	const struct run_env *env = a->env;
	int err;

	for (int s = sig_first(); s; s = sig_next(s))
		if (sig_disposition(s) == DISP_CAUGHT)
			sig_reset(s, false);
	if (env->own_group)
		setpgid(0, 0);
	if (env->pdeathsig && (prctl(PR_SET_PDEATHSIG, env->pdeathsig) < 0
			       || getppid() != a->parent))
		_exit(EXIT_CANCELED);
	apply_env(env);
	execvp(a->argv[0], a->argv);
	err = errno;
	while (write(a->errfd, &err, sizeof err) < 0 && errno == EINTR)
		;
	_exit(exec_status(err));
}

/* The child's stack: room for execvp's path buffer and its argv copy (a
 * script without #!) besides the calls above. */
static size_t child_stack_size(char *const argv[])
{
	const char *path = getenv("PATH");
	size_t n = 0;

	while (argv[n])
		n++;
	return (64 * 1024 + (n + 2) * sizeof *argv + (path ? strlen(path) : 0) + PATH_MAX
		+ 4095) & ~(size_t)4095;
}

int run_spawn(char *const argv[], const struct run_env *env_in, struct run_child *c)
{
	struct run_env env = *env_in;
	pid_t parent = getpid();
	struct spawn a;
	sigset_t all, mask;
	size_t stack_size;
	void *stack;
	int p[2], err;
	ssize_t n;

	/* CHLD keeps the mask the caller gave it (supervise blocks it) */
	if (sig_disposition(SIGCHLD) == DISP_IGNORED) {
		env.ignore |= SIGBIT(SIGCHLD);
		if (sig_reset(SIGCHLD, false) != SIGRESET_OK) {
			warn_(_("cannot run '%s': sigaction CHLD"), argv[0]);
			return EXIT_CANCELED;
		}
	}
	if (pipe2(p, O_CLOEXEC) < 0) {
		warn_(_("cannot run '%s'"), argv[0]);
		return EXIT_CANCELED;
	}
	/* clone(CLONE_VM | CLONE_VFORK), as posix_spawn does: no copy of
	 * sigtool's page tables, no copy-on-write faults in either process
	 * after it (fork's cost, most of a whole run's on a VM), and sigtool
	 * resumes once the kernel has taken COMMAND's execve. The pipe still
	 * reports exec failures: under valgrind, which runs this as a fork,
	 * the child's memory is not sigtool's. */
	stack_size = child_stack_size(argv);
	stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	c->pid = -1;
	err = errno;
	if (stack != MAP_FAILED) {
		a = (struct spawn){ .argv = argv, .env = &env, .errfd = p[1], .parent = parent };
		sigfillset(&all);
		sigprocmask(SIG_BLOCK, &all, &mask);
		c->pid = clone(child, (char *)stack + stack_size,
			       CLONE_VM | CLONE_VFORK | SIGCHLD, &a);
		err = errno;
		sigprocmask(SIG_SETMASK, &mask, NULL);
		munmap(stack, stack_size);
	}
	if (c->pid < 0) {
		close(p[0]);
		close(p[1]);
		errno = err;
		warn_(_("cannot run '%s': fork"), argv[0]);
		return EXIT_CANCELED;
	}
	/* in both processes, as shells do, so that either order works */
	if (env.own_group)
		setpgid(c->pid, c->pid);
	close(p[1]);
	while ((n = read(p[0], &err, sizeof err)) < 0 && errno == EINTR)
		;
	/* before anything else: what sigtool does next is not COMMAND's */
	c->exec_ns = mono_ns();
	close(p[0]);
	if (n == (ssize_t)sizeof err) {
		while (waitpid(c->pid, NULL, 0) < 0 && errno == EINTR)
			;
		return run_exec_failed(argv[0], err);
	}
	/* Our own child is not reaped yet, so its PID cannot have been reused. */
	c->pidfd = fd_above_stdio(pfd_open(c->pid, 0));
	return 0;
}

int run_reap(struct run_child *c, bool block, siginfo_t *si)
{
	int r;

	memset(si, 0, sizeof *si);
	while ((r = waitid(P_PID, c->pid, si, WEXITED | (block ? 0 : WNOHANG))) < 0
	       && errno == EINTR)
		;
	if (r < 0)
		return -1;
	if (si->si_pid == 0)
		return 0;       /* WNOHANG, still running */
	if (c->pidfd >= 0)
		close(c->pidfd);
	c->pidfd = -1;
	return 1;
}

int run_shell_status(const siginfo_t *si)
{
	return si->si_code == CLD_EXITED ? si->si_status : 128 + si->si_status;
}

const char *run_describe(const siginfo_t *si, char *buf, size_t size)
{
	char nb[SIG_NAME_MAX];
	const char *name;

	if (si->si_code == CLD_EXITED) {
		snprintf(buf, size, _("exited with status %d"), si->si_status);
		return buf;
	}
	name = sig_name(si->si_status, nb);
	if (si->si_code == CLD_DUMPED)
		snprintf(buf, size, _("was killed by signal %s (core dumped)"), name ? name : "?");
	else
		snprintf(buf, size, _("was killed by signal %s"), name ? name : "?");
	return buf;
}
