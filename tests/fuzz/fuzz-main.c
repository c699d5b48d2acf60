/* fuzz-main.c - the real main() and cmd_run(), every verb's option and
 * operand parsing, on any command line: the input is its words, each
 * ended by a NUL (argv[0] is "sigtool"). Nothing is sent, run, waited for
 * or raised: the actions are replaced at link time (ld --wrap, the list
 * is FUZZ_MAIN_WRAP in Makefile.am) by stubs that end the run, as exit() is. Checks: no
 * crash or undefined behaviour; the status is one of sigtool's; a usage
 * error (status 2) printed nothing on stdout and reached no action. A
 * run that ends by exit() leaves what it holds to the kernel, as the real
 * one does: `make fuzz` runs this harness with -detect_leaks=0 (leaks of
 * whole runs are the ASan and valgrind passes' to find). */
#include "config.h"

#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/time.h>

#include "fuzz.h"
#include "core/msg.h"
#include "core/proc.h"
#include "core/recv.h"
#include "core/run.h"
#include "core/select.h"
#include "core/send.h"
#include "core/sig.h"
#include "core/sigstate.h"
#include "core/supervise.h"
#include "core/catchloop.h"
#include "core/lesson.h"
#include "core/trace.h"

/* The stubs take the parameters of what they replace, and use few. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

/* Built with AddressSanitizer (gcc's or clang's), whose LeakSanitizer is
 * then linked in: its interface, to leave out what a run holds at exit(). */
#if defined(__SANITIZE_ADDRESS__)
# define HAVE_LSAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define HAVE_LSAN 1
# endif
#endif
#ifdef HAVE_LSAN
# include <sanitizer/lsan_interface.h>
#endif

#define MAX_WORDS 64
#define ACTION 1000     /* the status of a run that reached an action */

int sigtool_main(int argc, char **argv);
void __real_exit(int status) __attribute__((__noreturn__));
int __real_atexit(void (*fn)(void));

static jmp_buf jb;
static bool running;
static int stderr_fd = -1;       /* FUZZ_MAIN_TRACE set: the real stderr */

/* exit(), from die(), usage_error() and the verbs: back to the harness. */
void __wrap_exit(int status)
{
	if (!running)
		__real_exit(status);
	longjmp(jb, status + 1);
}

/* out_init()'s checked close of stdout, once per run: the harness flushes
 * instead. Others' (libFuzzer's) go through. */
int __wrap_atexit(void (*fn)(void))
{
	return fn == out_close_atexit ? 0 : __real_atexit(fn);
}

static void __attribute__((__noreturn__)) action(void)
{
	longjmp(jb, ACTION + 1);
}

#define STUB(ret, name, ...) ret __wrap_##name(__VA_ARGS__) { action(); }
STUB(int, send_run, struct send_ctl *c)
STUB(int, catch_run, const struct catch_ctl *c)
STUB(int, recv_run, const struct recv_ctl *c)
STUB(int, supervise, char *const argv[], const struct sup_opts *o)
STUB(int, run_exec, char *const argv[], const struct run_env *env)
STUB(int, raise, int sig)
STUB(int, pause, void)
STUB(struct trace *, trace_open, const struct trace_opts *o, struct trace_error *e)
STUB(int, lesson_run, const struct lesson *l, const struct lesson_opts *o)

/* Reading /proc is no action, but slow and of the machine: nothing. */
long __wrap_sel_run(struct sel *s, struct sel_match **m)
{
	(void)s;
	*m = NULL;
	return 0;
}

int __wrap_sigproc_each(size_t n, const pid_t *pids,
			void (*fn)(const struct sigproc *p, void *arg), void *arg)
{
	(void)n, (void)pids, (void)fn, (void)arg;
	return 0;
}

long __wrap_sigscan_all(const struct sigfilter *f,
			void (*fn)(const struct sigproc *p, void *arg), void *arg)
{
	(void)f, (void)fn, (void)arg;
	return 0;
}

long __wrap_proc_list(pid_t pid, pid_t **ids)
{
	(void)pid;
	*ids = calloc(1, sizeof **ids);
	return 0;
}

int __wrap_proc_own_pgrp_orphaned(pid_t *pgrp)
{
	*pgrp = 0;
	return 0;
}

/* The harness's own signal state is never changed. */
enum sig_reset_err __wrap_sig_reset(int signo, bool unblock)
{
	(void)signo, (void)unblock;
	return SIGRESET_OK;
}

/* Arming a timer is timer's action: it then waits for the signal, on a
 * CPU-time timer by spinning (a stub that only returned hung the harness
 * on "timer --prof 1"). libFuzzer's own -timeout is a setitimer() and a
 * SIGALRM handler set before the first run: those go through, or a slow
 * input would hang the harness instead of being reported. */
int __real_setitimer(int which, const struct itimerval *v, struct itimerval *old);

int __wrap_setitimer(int which, const struct itimerval *v, struct itimerval *old)
{
	if (!running)
		return __real_setitimer(which, v, old);
	action();
}

/* stdin is empty (mask --decode -). sigtool's messages go to stderr,
 * which `make fuzz` closes for this harness (-close_fd_mask=2: libFuzzer
 * and the sanitizers keep a copy of their own). */
static void init(void)
{
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

	if (null < 0)
		abort();
	if (getenv("FUZZ_MAIN_TRACE"))
		stderr_fd = dup(STDERR_FILENO);
	dup2(null, STDIN_FILENO);
	close(null);
}

/* The words of the input, each NUL-ended; argv[0] is "sigtool". */
static int split(const uint8_t *data, size_t size, char **argv)
{
	int argc = 0;

	argv[argc++] = strdup("sigtool");
	for (size_t i = 0; i < size && argc < MAX_WORDS; ) {
		size_t n = strnlen((const char *)data + i, size - i);
		argv[argc++] = fuzz_cstr(data + i, n);
		i += n + 1;
	}
	argv[argc] = NULL;
	return argc;
}

static int run(int argc, char **argv)
{
	volatile int status;
	int j;
	sigset_t mask;
	struct sigaction alrm;

	/* A verb may block signals or take ALRM before its action; libFuzzer's
	 * timeout needs both as they were. */
	sigprocmask(SIG_SETMASK, NULL, &mask);
	sigaction(SIGALRM, NULL, &alrm);

	msg_verb = NULL;
	msg_usage_status = EXIT_USAGE;
	running = true;
	/* What a run that ends by exit() or an action holds is sigtool's to
	 * leave to the kernel, as the real exit does: not a leak. */
#ifdef HAVE_LSAN
	__lsan_disable();
#endif
	if ((j = setjmp(jb)) == 0)
		status = sigtool_main(argc, argv);
	else
		status = j - 1;
#ifdef HAVE_LSAN
	__lsan_enable();
#endif
	running = false;
	sigaction(SIGALRM, &alrm, NULL);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool ready;
	char *argv[MAX_WORDS + 1], *copy[MAX_WORDS + 1];
	int argc, status;
	size_t len;
	char *out;

	if (!ready)
		init(), ready = true;
	argc = split(data, size, argv);
	memcpy(copy, argv, sizeof argv);        /* a verb may permute argv */
	fuzz_cap_begin();
	status = run(argc, argv);
	out = fuzz_cap_end(&len);
	if (stderr_fd >= 0) {
		for (int i = 1; i < argc; i++)
			dprintf(stderr_fd, "%s ", copy[i]);
		dprintf(stderr_fd, "=> %d (%zu bytes out)\n", status, len);
	}
	FUZZ_CHECK(status == ACTION || status == 0 || status == 1 || status == 2
		   || (status >= 124 && status <= 127), "status %d", status);
	if (status == 2)
		FUZZ_CHECK(len == 0, "a usage error printed %zu bytes: %.80s", len, out);
	free(out);
	for (int i = 0; i < argc; i++)
		free(copy[i]);
	return 0;
}
