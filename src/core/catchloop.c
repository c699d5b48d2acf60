/* catchloop.c - a live target process: real handlers installed as asked,
 * a line for its state, then blocking reads of standard input while a
 * second thread reports every caught signal (`catch`). */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catcher.h"
#include "catchloop.h"
#include "i18n.h"
#include "msg.h"
#include "out.h"
#include "ready.h"
#include "siginfo.h"
#include "sigset.h"

struct reporter_arg {
	const struct catch_ctl *ctl;
	pthread_t reader;
	int status;             /* set if the reporter ended catch */
	bool ended;
};

/* The dispositions and the mask as they are now, not as they were asked. */
struct catch_state {
	sigmask64 caught, ignored, blocked;
};

static void state_now(struct catch_state *st)
{
	sigset_t cur;

	pthread_sigmask(SIG_SETMASK, NULL, &cur);
	st->blocked = sig_sigset_to_mask(&cur);
	st->caught = st->ignored = 0;
	for (int s = sig_first(); s; s = sig_next(s)) {
		enum sig_disp d = sig_disposition(s);
		if (d == DISP_CAUGHT)
			st->caught |= SIGBIT(s);
		else if (d == DISP_IGNORED)
			st->ignored |= SIGBIT(s);
	}
}

static enum sig_disp state_disp(const struct catch_state *st, int s)
{
	return st->caught & SIGBIT(s) ? DISP_CAUGHT
	       : st->ignored & SIGBIT(s) ? DISP_IGNORED : DISP_DEFAULT;
}

/* " caught=USR1,TERM"; "none" for the empty set */
static void print_names(const char *key, sigmask64 m)
{
	char buf[SIGSET_TEXT_MAX];

	out_putc(' ');
	out_puts(key);
	out_putc('=');
	out_puts(m ? sigset_text(m, buf, sizeof buf) : "none");
}

static void banner_json(const struct catch_state *st, const char *mode)
{
	char nb[SIG_NAME_MAX];
	bool first = true, sfirst = true;

	out_putc('{');
	json_key(&first, "pid");
	out_uint(getpid());
	json_key(&first, "mode");
	json_str(mode);
	json_key(&first, "signals");
	out_putc('[');
	for (int s = sig_first(); s; s = sig_next(s)) {
		bool f = true;

		if (!sfirst)
			out_putc(',');
		sfirst = false;
		out_putc('{');
		json_key(&f, "signo");
		out_uint(s);
		json_key(&f, "name");
		json_str(sig_name(s, nb));
		json_key(&f, "disposition");
		json_str(sig_disp_name(state_disp(st, s)));
		json_key(&f, "blocked");
		out_puts(st->blocked & SIGBIT(s) ? "true" : "false");
		out_putc('}');
	}
	out_puts("]}\n");
}

static void print_banner(const struct catch_ctl *ctl)
{
	const char *mode = ctl->interrupt ? "interrupt" : "restart";
	struct catch_state st;

	state_now(&st);
	if (ctl->json) {
		banner_json(&st, mode);
		return;
	}
	out_puts("pid=");
	out_uint(getpid());
	print_names("caught", st.caught);
	print_names("ignored", st.ignored);
	print_names("blocked", st.blocked);
	out_puts(" mode=");
	out_puts(mode);
	out_putc('\n');
}

static void print_event(const struct catch_ctl *ctl, const struct catch_event *ce)
{
	char line[SIG_EVENT_TEXT_MAX];
	bool first = true;

	if (ctl->json) {
		out_putc('{');
		sig_event_json_fields(&ce->ev, &first);
		json_key(&first, "read");
		json_str(catch_read_name(ce->read));
		out_puts("}\n");
	} else {
		out_write(line, sig_event_text(&ce->ev, line));
		out_puts(" read=");
		out_puts(catch_read_name(ce->read));
		out_putc('\n');
	}
}

/* The only user of stdout once started. It blocks every signal (set by its
 * creator), so that each one is delivered to the main thread, the one in
 * read(). On exit_on, count or an output error it stops the reader. */
static void *reporter(void *p)
{
	struct reporter_arg *arg = p;
	const struct catch_ctl *ctl = arg->ctl;
	unsigned long long caught = 0;
	struct catch_event ce;
	int status;

	while (catcher_next(&ce, &status)) {
		print_event(ctl, &ce);
		out_flush();
		if (out_error())
			arg->status = EXIT_FAILURE;     /* the check at exit says why */
		else if ((ctl->exit_on && ce.ev.signo == ctl->exit_on)
			 || (ctl->count && ++caught == ctl->count))
			arg->status = EXIT_SUCCESS;
		else
			continue;
		arg->ended = true;
		catcher_stop_reader(arg->reader, ce.ev.signo);
		break;
	}
	return NULL;
}

/* Signals caught until now wait in the self-pipe. The reporter starts with
 * every signal blocked, and the main thread's mask, the one that
 * /proc/PID/status shows, is never touched. */
static void start_reporter(pthread_t *thread, struct reporter_arg *arg)
{
	pthread_attr_t attr;
	sigset_t all;
	int err;

	sigfillset(&all);
	if ((err = pthread_attr_init(&attr)) || (err = pthread_attr_setsigmask_np(&attr, &all))
	    || (err = pthread_create(thread, &attr, reporter, arg)))
		die(EXIT_FAILURE, _("cannot start a thread: %s"), strerror(err));
	pthread_attr_destroy(&attr);
}

/* Blocking reads of standard input, whose data is dropped, until end of
 * file, an error or the reporter's request. */
static int read_loop(void)
{
	char buf[4096];
	int status = EXIT_SUCCESS;

	while (!catcher_stop_requested()) {
		ssize_t n = catcher_read(STDIN_FILENO, buf, sizeof buf);
		if (n > 0 || (n < 0 && errno == EINTR))
			continue;
		if (n < 0) {
			warn_(_("cannot read standard input"));
			status = EXIT_FAILURE;
		}
		break;
	}
	if (!catcher_stop_requested())
		catcher_end(status);
	catcher_reader_left();
	return status;
}

int catch_run(const struct catch_ctl *ctl)
{
	struct reporter_arg arg = { .ctl = ctl, .reader = pthread_self() };
	pthread_t thread;
	sigset_t block;
	int status;

	if (catcher_install(ctl->handle, ctl->ignore, !ctl->interrupt) < 0)
		die(EXIT_FAILURE, _("cannot install the handlers: %s"), strerror(errno));
	sig_mask_to_sigset(ctl->block, &block);
	pthread_sigmask(SIG_SETMASK, &block, NULL);
	print_banner(ctl);
	out_flush();
	ready_announce(ctl->pidfile, ctl->ready_fd, EXIT_FAILURE);
	if (out_error())
		return EXIT_FAILURE;            /* the check at exit says why */
	start_reporter(&thread, &arg);
	status = read_loop();
	pthread_join(thread, NULL);
	if (catcher_dropped())
		warnx_(_("%u signals found the self-pipe full and were not reported"), catcher_dropped());
	return arg.ended ? arg.status : status;
}
