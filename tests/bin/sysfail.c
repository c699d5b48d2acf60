/* sysfail - run a command with some system calls failing, to test how
 * sigtool meets older kernels (no pidfds, no PIDFD_SIGNAL_* flags, no pidfs).
 *
 * sysfail RULE... -- CMD...
 * RULE is SYSCALL=ERRNO, or SYSCALL=ERRNO@N to fail only when argument N is
 * not 0 (a flags argument a newer kernel added). A seccomp filter makes the
 * call return -1 with that errno, as an older kernel would. */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
# define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
# define SYS_pidfd_send_signal 424
#endif

#if defined(__x86_64__)
# define ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
# define ARCH AUDIT_ARCH_AARCH64
#endif

static const struct { const char *name; long nr; } calls[] = {
	{ "pidfd_open", SYS_pidfd_open }, { "pidfd_send_signal", SYS_pidfd_send_signal },
	{ "fstatfs", SYS_fstatfs }, { "rt_tgsigqueueinfo", SYS_rt_tgsigqueueinfo },
	{ "rt_sigqueueinfo", SYS_rt_sigqueueinfo }, { "tgkill", SYS_tgkill },
	{ "kill", SYS_kill }, { "ppoll", SYS_ppoll }, { "newfstatat", SYS_newfstatat },
	{ "perf_event_open", SYS_perf_event_open },
};
static const struct { const char *name; int e; } errnos[] = {
	{ "ENOSYS", ENOSYS }, { "EINVAL", EINVAL }, { "EPERM", EPERM },
	{ "EOPNOTSUPP", EOPNOTSUPP }, { "ESRCH", ESRCH }, { "EACCES", EACCES },
	{ "EMFILE", EMFILE },
};

static void usage(void)
{
	fprintf(stderr, "usage: sysfail SYSCALL=ERRNO[@ARG]... -- CMD...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct sock_filter f[128];
	int n = 0, i;

#ifdef ARCH
	f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH, 1, 0);
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
#endif
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		char *eq = strchr(argv[i], '='), *at;
		long nr = -1;
		int e = -1, arg = -1;
		size_t k;

		if (!eq || n > 120)
			usage();
		*eq++ = '\0';
		if ((at = strchr(eq, '@'))) {
			*at++ = '\0';
			arg = atoi(at);
		}
		for (k = 0; k < sizeof calls / sizeof *calls; k++)
			if (!strcmp(calls[k].name, argv[i]))
				nr = calls[k].nr;
		for (k = 0; k < sizeof errnos / sizeof *errnos; k++)
			if (!strcmp(errnos[k].name, eq))
				e = errnos[k].e;
		if (nr < 0 || e < 0 || arg > 5)
			usage();
		f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
		f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, nr, 0, arg < 0 ? 1 : 3);
		if (arg >= 0) {
			/* the low 32 bits of the argument, on a little-endian machine */
			f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
				offsetof(struct seccomp_data, args) + 8 * arg);
			f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0);
		}
		f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | e);
	}
	if (i >= argc - 1)
		usage();
	f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);

	struct sock_fprog prog = { .len = (unsigned short)n, .filter = f };
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0
	    || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0) {
		perror("sysfail: seccomp");
		return 1;
	}
	execvp(argv[i + 1], argv + i + 1);
	fprintf(stderr, "sysfail: %s: %s\n", argv[i + 1], strerror(errno));
	return 127;
}
