/* sig.h - the signal table: names, numbers, descriptions, default actions. */
#ifndef SIGTOOL_SIG_H
#define SIGTOOL_SIG_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Signal sets are 64-bit masks, bit n-1 for signal n, as /proc prints them. */
typedef uint64_t sigmask64;
#define SIGBIT(n) ((sigmask64)1 << ((n) - 1))

/* What a process does with a signal (getsignal): SIG_DFL, SIG_IGN, a handler. */
enum sig_disp { DISP_DEFAULT, DISP_IGNORED, DISP_CAUGHT };
/* Give signo its default action (KILL and STOP have no other) and, if
 * unblock, take it out of the calling thread's mask: the state in which a
 * COMMAND, or sigtool itself in raise, meets a signal's real effect. The
 * disposition comes first, so that a signal let in by the unblocking has
 * the default effect. 0, or which step failed, with errno set. */
enum sig_reset_err { SIGRESET_OK, SIGRESET_ACTION, SIGRESET_UNBLOCK };
enum sig_reset_err sig_reset(int signo, bool unblock);
/* End the process by sig, as a shell expects of a program that a signal
 * ended: core dumps off first (not dumpable, which stops a core_pattern
 * pipe too; RLIMIT_CORE where prctl fails), then sig at its default
 * action, unblocked. Returns if every way fails or sig does not end the
 * process (the init of a PID namespace). */
void sig_die(int sig);
/* "default", "ignored", "caught": the words of text and JSON output. */
const char *sig_disp_name(enum sig_disp d);
/* The calling process's disposition of signo, as getsignal() gives it. */
enum sig_disp sig_disposition(int signo);

enum sig_action { SIGACT_TERM, SIGACT_CORE, SIGACT_IGN, SIGACT_STOP, SIGACT_CONT };

/* Longest name we print ("RTMAX-15", "VTALRM", "STKFLT") plus NUL, with room for any int. */
#define SIG_NAME_MAX 20
/* Longest description ("Real-time signal 30", translated strsignal text). */
#define SIG_DESCR_MAX 128

int sig_rtmin(void);
int sig_rtmax(void);

/* True for exactly the signals of valid_signals(): 1-31 and RTMIN..RTMAX. */
bool sig_valid(int signo);
/* Iterate valid signals: for (s = sig_first(); s; s = sig_next(s)). */
int sig_first(void);
int sig_next(int signo);
/* Every valid signal, and every one that can be blocked, caught or ignored. */
sigmask64 sig_valid_mask(void);
sigmask64 sig_blockable_mask(void);

/* A mask as the sigset_t of sigprocmask(2), and back (valid signals only). */
void sig_mask_to_sigset(sigmask64 m, sigset_t *set);
sigmask64 sig_sigset_to_mask(const sigset_t *set);

/* Canonical name without "SIG"; real-time signals as RTMIN+n / RTMAX-n. */
const char *sig_name(int signo, char buf[SIG_NAME_MAX]);
/* strlen(sig_name(signo)) without formatting it; 0 for no signal. */
size_t sig_name_len(int signo);
/* strsignal(), translated for people. */
const char *sig_describe(int signo, char buf[SIG_DESCR_MAX]);
/* The untranslated English description, stable for scripts (JSON). */
const char *sig_describe_c(int signo, char buf[SIG_DESCR_MAX]);
/* Other names glibc accepts (IOT, CLD, POLL), NULL-terminated; never NULL. */
const char *const *sig_aliases(int signo);

enum sig_action sig_default_action(int signo);
const char *sig_action_name(enum sig_action a);      /* "Term", "Core", ... */
const char *sig_action_text(enum sig_action a);      /* a short explanation */

/* KILL and STOP can be neither caught, blocked nor ignored. */
bool sig_catchable(int signo);
/* A one-line note for signals with special rules, or NULL. */
const char *sig_note(int signo);
/* The same in English, as JSON gives it in every language. */
const char *sig_note_c(int signo);

/* The signal n of a shell exit status 128+n, or 0 if it names none. */
int sig_from_status(long long status);

/* Case-insensitive, locale-independent name look-up for the names and aliases
 * of standard signals, without a "SIG" prefix; 0 if unknown. */
int sig_by_name(const char *name);
/* The known name closest to the (upper-cased, unprefixed) word, or NULL. */
const char *sig_nearest_name(const char *word);

#endif
