/* test-proc.c - /proc/PID/status parsing and reading (core/proc.c). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "core/proc.h"
#include "tap.h"

static const char sample[] =
	"Name:\tmy\\\\od\\nd name\n"
	"Umask:\t0022\n"
	"State:\tS (sleeping)\n"
	"Tgid:\t4242\n"
	"Ngid:\t0\n"
	"Pid:\t4243\n"
	"PPid:\t1\n"
	"TracerPid:\t0\n"
	"NStgid:\t4242\t7\n"
	"NSpid:\t4243\t8\n"
	"Threads:\t2\n"
	"SigQ:\t3/63364\n"
	"SigPnd:\t0000000000000200\n"
	"ShdPnd:\t0000000000004000\n"
	"SigBlk:\t0000000400014000\n"
	"SigIgn:\t0000000000001000\n"
	"SigCgt:\t0000000180000001\n"
	"CapInh:\t0000000000000000\n"
	"Cpus_allowed_list:\t0-3\n";

static void parse_sample(void)
{
	struct proc_status st;

	ok(proc_status_parse(sample, sizeof sample - 1, &st) == 0, "the sample parses");
	ok(st.name_len == 12 && !memcmp(st.name, "my\\od\nd name", 12), "Name is unescaped: \\\\ and \\n");
	is_int(st.state, 'S', "State");
	is_int(st.tgid, 4242, "Tgid");
	is_int(st.pid, 4243, "Pid");
	is_int(st.ppid, 1, "PPid");
	is_int(st.nspid_len, 2, "NSpid has two levels");
	is_int(st.nspid[1], 8, "the innermost NSpid last");
	is_int(st.sigq_queued, 3, "SigQ queued");
	is_int(st.sigq_limit, 63364, "SigQ limit");
	ok(st.sigpnd == 0x200 && st.shdpnd == 0x4000, "SigPnd, ShdPnd");
	ok(st.sigblk == 0x400014000ULL, "SigBlk (with a real-time signal)");
	ok(st.sigign == 0x1000 && st.sigcgt == 0x180000001ULL, "SigIgn, SigCgt");
	/* without a trailing newline */
	ok(proc_status_parse(sample, sizeof sample - 2, &st) == 0, "no final newline");
}

static void parse_bad(void)
{
	struct proc_status st;
	char buf[sizeof sample + 16];
	const char *cut = strstr(sample, "SigCgt");

	errno = 0;
	ok(proc_status_parse(sample, cut - sample, &st) < 0 && errno == EBADMSG,
	   "a missing SigCgt is EBADMSG");
	snprintf(buf, sizeof buf, "%s", sample);
	memcpy(strstr(buf, "SigBlk:\t") + 8, "zz", 2);
	ok(proc_status_parse(buf, strlen(buf), &st) < 0 && errno == EBADMSG,
	   "a malformed mask is EBADMSG");
	snprintf(buf, sizeof buf, "%s", sample);
	memcpy(strstr(buf, "SigQ:\t") + 6, "3-", 2);
	ok(proc_status_parse(buf, strlen(buf), &st) < 0, "a malformed SigQ");
	snprintf(buf, sizeof buf, "%s", sample);
	memcpy(strstr(buf, "Tgid:\t") + 6, "x", 1);
	ok(proc_status_parse(buf, strlen(buf), &st) < 0, "a malformed Tgid");
	ok(proc_status_parse("", 0, &st) < 0, "an empty file");
}

static void read_self(void)
{
	struct proc_status st;
	sigset_t set;
	char comm[PROC_COMM_MAX + 1];
	long max;
	FILE *f;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	ok(proc_status_read(getpid(), 0, &st) == 0, "our own status");
	is_int(st.tgid, getpid(), "our Tgid");
	ok(st.sigblk & SIGBIT(SIGUSR2), "SigBlk shows what we block");
	ok(proc_status_read(getpid(), getpid(), &st) == 0 && st.pid == getpid(),
	   "our main thread's status under task/");
	is_int(proc_comm_read(getpid(), comm, sizeof comm), 9, "comm length");
	is_str(comm, "test-proc", "comm, without its newline");

	f = fopen("/proc/sys/kernel/pid_max", "r");
	ok(f && fscanf(f, "%ld", &max) == 1, "pid_max");
	if (f)
		fclose(f);
	errno = 0;
	ok(proc_status_read((pid_t)max + 1, 0, &st) < 0 && errno == ESRCH,
	   "no such process is ESRCH");
	ok(proc_comm_read((pid_t)max + 1, comm, sizeof comm) < 0 && errno == ESRCH,
	   "comm of no such process is ESRCH");
}

int main(void)
{
	parse_sample();
	parse_bad();
	read_self();
	return done_testing();
}
