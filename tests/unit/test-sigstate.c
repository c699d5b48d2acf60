/* test-sigstate.c - /proc status parsing and the signal-state decoding of
 * mask, pending and status: exact values on known text, refusals of
 * malformed text, and a bounded fuzz of proc_status_parse and
 * parse_hexmask on random and mutated input (no crash, no sanitizer
 * report, and every accepted mask re-encodes to itself). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/parse.h"
#include "core/proc.h"
#include "core/sig.h"
#include "core/sigstate.h"
#include "tap.h"

static const char sample[] =
	"Name:\tmy\\nname\\\\x\n"
	"Umask:\t0022\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t4242\n"
	"Ngid:\t0\n"
	"Pid:\t4242\n"
	"PPid:\t17\n"
	"TracerPid:\t99\n"
	"NSpid:\t4242\t7\t1\n"
	"Kthread:\t0\n"
	"Threads:\t3\n"
	"SigQ:\t2/96365\n"
	"SigPnd:\t0000000000000800\n"
	"ShdPnd:\t0000000000000200\n"
	"SigBlk:\t0000000000000a00\n"
	"SigIgn:\t0000000001001000\n"
	"SigCgt:\t0000000180000002\n"
	"CapInh:\t0000000000000000\n";

static void test_parse_sample(void)
{
	struct proc_status st;

	ok(proc_status_parse(sample, sizeof sample - 1, &st) == 0, "sample status parses");
	is_str(st.name, "my\nname\\x", "Name unescaped (\\n and \\\\)");
	is_int(st.name_len, 9, "name length");
	is_int(st.state, 'S', "State letter");
	is_int(st.tgid, 4242, "Tgid");
	is_int(st.pid, 4242, "Pid");
	is_int(st.ppid, 17, "PPid");
	is_int(st.tracerpid, 99, "TracerPid");
	is_int(st.nspid_len, 3, "NSpid has 3 levels");
	is_int(st.nspid[2], 1, "innermost NSpid");
	is_int(st.kthread, 0, "Kthread");
	is_int(st.threads, 3, "Threads");
	is_int(st.sigq_queued, 2, "SigQ queued");
	is_int(st.sigq_limit, 96365, "SigQ limit");
	is_int(st.sigpnd, 0x800, "SigPnd");
	is_int(st.shdpnd, 0x200, "ShdPnd");
	is_int(st.sigblk, 0xa00, "SigBlk");
	is_int(st.sigign, 0x1001000, "SigIgn");
	is_int(st.sigcgt, 0x180000002LL, "SigCgt");

	/* the optional fields may be missing (older kernels) */
	static const char old[] =
		"Name:\tx\nState:\tR (running)\nTgid:\t1\nPid:\t1\nPPid:\t0\n"
		"SigQ:\t0/1\nSigPnd:\t0\nShdPnd:\t0\nSigBlk:\t0\nSigIgn:\t0\nSigCgt:\t0\n";
	ok(proc_status_parse(old, sizeof old - 1, &st) == 0, "status without optional fields parses");
	is_int(st.kthread, -1, "no Kthread field: unknown (-1)");
	is_int(st.threads, 0, "no Threads field: 0");
	is_int(st.nspid_len, 0, "no NSpid field");
}

/* Remove or spoil one needed field: EBADMSG every time. */
static void test_parse_malformed(void)
{
	static const char *const needed[] = {
		"Name:", "State:", "Tgid:", "Pid:", "PPid:", "SigQ:", "SigPnd:",
		"ShdPnd:", "SigBlk:", "SigIgn:", "SigCgt:",
	};
	static const struct { const char *from, *to, *what; } spoil[] = {
		{ "SigBlk:\t0000000000000a00", "SigBlk:\t00000000000z0a00", "non-hex mask" },
		{ "SigBlk:\t0000000000000a00", "SigBlk:\t00000000000000000", "17-digit mask" },
		{ "SigBlk:\t0000000000000a00", "SigBlk:\t", "empty mask" },
		{ "SigQ:\t2/96365", "SigQ:\t2-96365", "SigQ without /" },
		{ "SigQ:\t2/96365", "SigQ:\t2/", "SigQ without limit" },
		{ "Pid:\t4242", "Pid:\t-4242", "negative Pid" },
		{ "Pid:\t4242", "Pid:\t99999999999", "Pid out of range" },
		{ "State:\tS (sleeping)", "State:\t", "empty State" },
		{ "Threads:\t3", "Threads:\tthree", "Threads not a number" },
		{ "NSpid:\t4242\t7\t1", "NSpid:\tx", "NSpid not a number" },
	};
	struct proc_status st;
	char buf[sizeof sample + 16];

	for (size_t i = 0; i < sizeof needed / sizeof *needed; i++) {
		const char *at = strstr(sample, needed[i]), *eol = strchr(at, '\n') + 1;
		size_t n = at - sample;
		memcpy(buf, sample, n);
		memcpy(buf + n, eol, sizeof sample - (eol - sample));
		errno = 0;
		ok(proc_status_parse(buf, strlen(buf), &st) < 0 && errno == EBADMSG,
		   "without %s: EBADMSG", needed[i]);
	}
	for (size_t i = 0; i < sizeof spoil / sizeof *spoil; i++) {
		const char *at = strstr(sample, spoil[i].from);
		size_t n = at - sample;
		snprintf(buf, sizeof buf, "%.*s%s%s", (int)n, sample, spoil[i].to,
			 at + strlen(spoil[i].from));
		errno = 0;
		ok(proc_status_parse(buf, strlen(buf), &st) < 0 && errno == EBADMSG,
		   "%s: EBADMSG", spoil[i].what);
	}
	ok(proc_status_parse("", 0, &st) < 0, "empty text refused");
	/* a text cut anywhere before SigCgt lacks a field */
	size_t cut = strstr(sample, "SigCgt:") - sample;
	ok(proc_status_parse(sample, cut, &st) < 0, "text cut before SigCgt refused");
}

/* The live /proc: this process, its task list, and the kernel-thread test
 * on both of its paths (the Kthread field, and /proc/PID/stat's flags). */
static void test_live_proc(void)
{
	struct proc_status st;
	pid_t *ids;
	long n;

	ok(proc_status_read(getpid(), 0, &st) == 0 && st.pid == getpid(), "own status read");
	is_int(proc_is_kthread(getpid(), &st), 0, "we are no kernel thread");
	st.kthread = -1;        /* as on a kernel without the field */
	st.ppid = 2;            /* so that stat's flags are read */
	is_int(proc_is_kthread(getpid(), &st), 0, "PF_KTHREAD not set in our stat flags");
	if (proc_status_read(2, 0, &st) == 0 && !strcmp(st.name, "kthreadd")) {
		is_int(proc_is_kthread(2, &st), 1, "kthreadd is a kernel thread");
		st.kthread = -1;
		is_int(proc_is_kthread(2, &st), 1, "kthreadd: PF_KTHREAD from stat");
	} else {
		ok(1, "# SKIP PID 2 is not kthreadd here");
		ok(1, "# SKIP PID 2 is not kthreadd here");
	}
	n = proc_list(getpid(), &ids);
	ok(n == 1 && ids[0] == getpid(), "our task list is this one thread");
	if (n >= 0)
		free(ids);
	n = proc_list(0, &ids);
	bool sorted = n > 1, found = false;
	for (long i = 0; i < n; i++) {
		if (i && ids[i - 1] >= ids[i])
			sorted = false;
		if (ids[i] == getpid())
			found = true;
	}
	ok(sorted && found, "/proc lists %ld PIDs, ascending, ours among them", n);
	if (n >= 0)
		free(ids);
	errno = 0;
	ok(proc_list(0x7fffffff, &ids) < 0 && errno == ESRCH, "a missing process: ESRCH");
	errno = 0;
	ok(proc_status_read(0x7fffffff, 0, &st) < 0 && errno == ESRCH, "status of a missing process: ESRCH");
}

/* ---- sets as names and hex ---- */

static void test_sets(void)
{
	char buf[SIGSET_TEXT_MAX], hex[17];
	sigmask64 all = ~(sigmask64)0, m;
	struct perr e;

	is_str(sigset_text(0, buf, sizeof buf), "-", "empty set is -");
	is_str(sigset_text(SIGBIT(SIGPIPE), buf, sizeof buf), "PIPE", "one signal");
	is_str(sigset_text(SIGBIT(1) | SIGBIT(2) | SIGBIT(35) | SIGBIT(63), buf, sizeof buf),
	       "HUP,INT,RTMIN+1,RTMAX-1", "several, in number order");
	is_str(sigset_text(0x180000000ULL, buf, sizeof buf), "32,33",
	       "bits 32 and 33 (no valid signal) as numbers");
	sigset_text(all, buf, sizeof buf);
	ok(strlen(buf) < SIGSET_TEXT_MAX - 1 && strstr(buf, ",RTMAX"), "all 64 bits fit: %zu bytes", strlen(buf));
	is_str(sigset_hex(0x2000, hex), "0000000000002000", "hex is 16 digits");
	is_str(sigset_hex(all, hex), "ffffffffffffffff", "hex of all bits, lower case");

	/* names parse back to the same set, for any set of valid signals */
	unsigned long long x = 88172645463325252ULL;
	int good = 0;
	for (int i = 0; i < 2000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		sigmask64 want = x & sig_valid_mask();
		m = 0;
		if (want == 0 || (parse_sigset(sigset_text(want, buf, sizeof buf), 0, &m, &e) == 0 && m == want))
			good++;
		else
			diag("%s -> %s", buf, e.msg);
	}
	is_int(good, 2000, "2000 random sets: text parses back to the same set");
}

/* ---- masks in lines of text (mask --decode -) ---- */

/* The line with each mask word replaced by its names, "[label]" first. */
static const char *decoded(const char *line, char *out, size_t size)
{
	struct sigline l;
	struct perr e;
	const char *text;
	char names[SIGSET_TEXT_MAX];
	size_t n, o;
	sigmask64 m;
	int r = sigline_start(&l, line, strlen(line), &m, &e);

	if (r != 0)
		return r > 0 ? sigset_text(m, out, size) : "error";
	o = snprintf(out, size, "[%.*s]", l.label ? (int)l.label_len : 0, l.label ? l.label : "");
	while ((r = sigline_next(&l, &text, &n, &m)) && o < size)
		o += r == 2 ? snprintf(out + o, size - o, "%s", sigset_text(m, names, sizeof names))
			    : snprintf(out + o, size - o, "%.*s", (int)n, text);
	return out;
}

static void test_sigline(void)
{
	char buf[512];
	struct sigline l;
	struct perr e;
	sigmask64 m = 0;

	is_str(decoded("SigBlk:\t0000000000000201", buf, sizeof buf), "[SigBlk]SigBlk:\tHUP,USR1",
	       "a /proc line: label, blanks kept, the mask decoded");
	is_str(decoded("SigQ:\t1/100", buf, sizeof buf), "[SigQ]SigQ:\t1/100", "no mask: kept as it is");
	is_str(decoded("  42 S 0000000000004002 0x0 0X3 123", buf, sizeof buf),
	       "[]  42 S INT,TERM - HUP,INT 123", "ps columns: 16 digits or 0x; not a PID");
	is_str(decoded(" 0x4002 \t", buf, sizeof buf), "INT,TERM", "one word is a mask");
	is_str(decoded("", buf, sizeof buf), "[]", "an empty line stays empty");
	is_int(sigline_start(&l, "zz", 2, &m, &e), -1, "one word that is no mask: an error");
	ok(strstr(e.msg, "'zz'") != NULL, "the error names the word: %s", e.msg);
	ok(!sigset_hex_word("000000000000020", 15, &m), "15 digits: no mask");
	ok(!sigset_hex_word("00000000000002000", 17, &m), "17 digits: no mask");
	ok(!sigset_hex_word("0x", 2, &m), "0x alone: no mask");
	ok(!sigset_hex_word("000000000000020g", 16, &m), "a non-hex digit: no mask");
	ok(sigset_hex_word("0x00000000000000010", 19, &m) == false, "0x and 17 digits: no mask");
	ok(sigset_hex_word("0xA000 rest", 6, &m) && m == 0xa000, "only n bytes are read");
}

/* ---- notes ---- */

static struct sigproc fake(char state, pid_t nspid_last, int nspid_len)
{
	static struct sigthread one;
	struct sigproc p = { .pid = 500, .nthreads = 1, .threads = &one };

	p.st.state = state;
	p.st.tgid = 500;
	p.st.ppid = 4;
	p.st.kthread = 0;
	p.st.nspid_len = nspid_len;
	for (int i = 0; i < nspid_len; i++)
		p.st.nspid[i] = i == nspid_len - 1 ? nspid_last : 500 + i;
	one = (struct sigthread){ .tid = 500 };
	return p;
}

static bool has_note(const struct sigproc *p, const char *needle)
{
	char notes[SIGNOTE_MAX][SIGNOTE_LEN];
	size_t n = sigproc_notes(p, false, notes, SIGNOTE_MAX);

	for (size_t i = 0; i < n; i++)
		if (strstr(notes[i], needle))
			return true;
	return false;
}

static void test_notes(void)
{
	char notes[SIGNOTE_MAX][SIGNOTE_LEN];
	struct sigproc p = fake('S', 500, 1);

	is_int(sigproc_notes(&p, false, notes, SIGNOTE_MAX), 0, "a plain sleeping process: no note");
	p = fake('Z', 500, 1);
	ok(has_note(&p, "zombie") && has_note(&p, "PID 4"), "zombie note names the parent");
	p = fake('S', 1, 2);
	ok(has_note(&p, "init of a PID namespace"), "NSpid ending in 1: namespace init note");
	p = fake('T', 500, 1);
	ok(has_note(&p, "stopped"), "stopped note");
	p = fake('S', 500, 1);
	p.kthread = true;
	ok(has_note(&p, "kernel thread"), "kernel thread note");
	p = fake('S', 500, 1);
	p.st.tracerpid = 77;
	ok(has_note(&p, "traced by PID 77"), "traced note");

	p = fake('S', 500, 1);
	p.st.tgid = 499;
	ok(has_note(&p, "500 is a thread of process 499"), "a TID given as PID is noted");

	/* pending behind a block: process-wide only while every thread blocks it */
	struct sigthread two[2] = {
		{ .tid = 500, .blocked = SIGBIT(SIGUSR1) | SIGBIT(SIGUSR2) },
		{ .tid = 501, .blocked = SIGBIT(SIGUSR1), .pending = SIGBIT(SIGHUP) },
	};
	p = fake('S', 500, 1);
	p.threads = two;
	p.nthreads = 2;
	p.st.shdpnd = SIGBIT(SIGUSR1);
	ok(has_note(&p, "USR1: blocked and pending"), "process-pending USR1 blocked by every thread");
	p.st.shdpnd = SIGBIT(SIGUSR2);
	ok(!has_note(&p, "blocked and pending"), "USR2 blocked by one thread only: no note");
	two[1].blocked |= SIGBIT(SIGHUP);
	p.st.sigign = SIGBIT(SIGHUP);
	ok(has_note(&p, "HUP: blocked and pending") && has_note(&p, "HUP: also ignored"),
	   "thread-pending HUP blocked by its thread, and ignored");

	/* at most max notes are written */
	p = fake('Z', 1, 2);
	p.kthread = false;
	p.st.tracerpid = 3;
	is_int(sigproc_notes(&p, false, notes, 1), 1, "notes stop at max");
}

static void test_filter(void)
{
	struct sigthread t = { .tid = 9, .pending = SIGBIT(SIGHUP) };
	struct sigproc p = { .pid = 9, .nthreads = 1, .threads = &t, .thread_pending = SIGBIT(SIGHUP) };
	struct sigfilter f = { 0 };

	p.st.sigign = SIGBIT(SIGTERM) | SIGBIT(SIGINT);
	p.st.sigblk = SIGBIT(SIGUSR1);
	ok(sigfilter_match(&f, &p), "no filter matches");
	f.ignored = SIGBIT(SIGTERM);
	ok(sigfilter_match(&f, &p), "--ignored TERM matches");
	f.ignored = SIGBIT(SIGTERM) | SIGBIT(SIGQUIT);
	ok(!sigfilter_match(&f, &p), "--ignored TERM,QUIT needs both");
	f = (struct sigfilter){ .blocked = SIGBIT(SIGUSR1), .pending = SIGBIT(SIGHUP) };
	ok(sigfilter_match(&f, &p), "--blocked USR1 --pending HUP (thread-pending)");
	f = (struct sigfilter){ .caught = SIGBIT(SIGUSR1) };
	ok(!sigfilter_match(&f, &p), "--caught USR1 does not match");
	f = (struct sigfilter){ .any_pending = true };
	ok(sigfilter_match(&f, &p), "anything pending");
	p.thread_pending = 0;
	ok(!sigfilter_match(&f, &p), "nothing pending");
}

/* ---- fuzz ---- */

static unsigned long long rng = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
	return n ? (unsigned)(rng % n) : 0;
}

static void test_fuzz_status(void)
{
	static const char alphabet[] = "0123456789abcdefxX:\t \n/\\-SigBlkPndQ";
	char buf[sizeof sample * 2];
	struct proc_status st;
	int accepted = 0, iterations = 20000;

	for (int i = 0; i < iterations; i++) {
		size_t len = sizeof sample - 1;
		memcpy(buf, sample, len);
		for (int k = 1 + rnd(8); k > 0; k--) {
			size_t at = rnd(len);
			switch (rnd(4)) {
			case 0:         /* replace a byte, by anything */
				buf[at] = (char)rnd(256);
				break;
			case 1:         /* replace by a byte that looks like the format */
				buf[at] = alphabet[rnd(sizeof alphabet - 1)];
				break;
			case 2:         /* cut */
				len = at;
				break;
			case 3:         /* duplicate a stretch */
				if (len + 16 < sizeof buf) {
					memmove(buf + at + 16, buf + at, len - at);
					len += 16;
				}
				break;
			}
		}
		/* the parser must not read past len: give it an exact copy */
		char *exact = malloc(len ? len : 1);
		memcpy(exact, buf, len);
		if (proc_status_parse(exact, len, &st) == 0) {
			accepted++;
			if (st.name_len >= sizeof st.name || st.nspid_len > PROC_NSPID_MAX
			    || st.name[st.name_len] != '\0')
				ok(0, "fuzz %d: accepted state out of bounds", i);
		}
		free(exact);
	}
	ok(1, "status fuzz: %d mutated texts, %d accepted, no crash", iterations, accepted);

	/* random bytes */
	for (int i = 0; i < 5000; i++) {
		size_t len = rnd(sizeof buf);
		for (size_t k = 0; k < len; k++)
			buf[k] = (char)rnd(256);
		char *exact = malloc(len ? len : 1);
		memcpy(exact, buf, len);
		proc_status_parse(exact, len, &st);
		free(exact);
	}
	ok(1, "status fuzz: 5000 random texts, no crash");
}

static void test_fuzz_hexmask(void)
{
	static const char alphabet[] = "0123456789abcdefABCDEFxX g-+\t";
	char s[40], hex[17];
	int accepted = 0, wrong = 0;

	for (int i = 0; i < 50000; i++) {
		size_t len = rnd(sizeof s - 1);
		sigmask64 m;
		struct perr e;

		for (size_t k = 0; k < len; k++)
			s[k] = rnd(8) ? alphabet[rnd(sizeof alphabet - 1)] : (char)(1 + rnd(255));
		s[len] = '\0';
		e.msg[0] = '\0';
		if (parse_hexmask(s, &m, &e) == 0) {
			sigmask64 again;
			accepted++;
			/* accepted text re-encodes to the same value */
			if (parse_hexmask(sigset_hex(m, hex), &again, &e) < 0 || again != m)
				wrong++;
		} else if (!e.msg[0]) {
			wrong++;        /* a refusal always says why */
		}
	}
	is_int(wrong, 0, "hex fuzz: 50000 strings, %d accepted, all consistent", accepted);
}

int main(void)
{
	test_parse_sample();
	test_parse_malformed();
	test_live_proc();
	test_sets();
	test_sigline();
	test_notes();
	test_filter();
	test_fuzz_status();
	test_fuzz_hexmask();
	return done_testing();
}
