# helpers.bash - shared set-up for the bats tests of sigtool.
# SIGTOOL (the binary under test) and BATS_LIB_PATH come from `make check`.

bats_load_library bats-support
bats_load_library bats-assert

: "${SIGTOOL:?SIGTOOL must name the sigtool binary under test}"
: "${TOP_SRCDIR:=$(cd "$BATS_TEST_DIRNAME/.." && pwd)}"
# the C helpers of the tests (tests/bin), built by `make check`
: "${TESTS_BIN:=$(cd "$(dirname "$SIGTOOL")/../tests/bin" && pwd)}"
# the verbs with a man page (make check passes them; bats run by hand reads them)
: "${MAN_VERBS:=$(sed -n 's/^MAN_VERBS = //p' "$TOP_SRCDIR/Makefile.am")}"

# SIGTOOL_WRAPPER, e.g. "valgrind -q --error-exitcode=99", runs every call
# under a checker.
sigtool() {
	${SIGTOOL_WRAPPER:-} "$SIGTOOL" "$@"
}

# Under valgrind, keep valgrind's own words in a log per process: 3.19 calls
# pidfd_open an "unhandled syscall" on stderr, which would mix with
# sigtool's stderr (and die of SIGPIPE where that stderr is a closed pipe).
# Call valgrind_logs from setup() and valgrind_clean from teardown(), which
# fails the test if the logs hold anything but those warnings.
valgrind_logs() {
	case ${SIGTOOL_WRAPPER:-} in
	valgrind*--log-file*) ;;
	valgrind*) SIGTOOL_WRAPPER="$SIGTOOL_WRAPPER --log-file=$BATS_TEST_TMPDIR/valgrind.%p" ;;
	esac
}

valgrind_clean() {
	if ls "$BATS_TEST_TMPDIR"/valgrind.* > /dev/null 2>&1 \
	   && grep -v -e 'unhandled amd64-linux syscall: 4[23][0-9]' -e 'You may be able to write' \
		-e 'README_MISSING_SYSCALL' -e 'Nevertheless we consider' -e 'valgrind.org/support' \
		"$BATS_TEST_TMPDIR"/valgrind.*; then
		return 1
	fi
}

# Run a command in a new PID namespace and session: a misparsed PID or group
# can then reach nothing but the test's own processes.
isolated() {
	unshare -fp --mount-proc setsid -w "$@"
}

# Wait until FILE exists and is not empty (a readiness file written by the
# process under test), at most SECONDS (default 10). Fails the test on time-out.
wait_for_file() {
	local file=$1 tries=$(( ${2:-10} * 100 ))
	while [ ! -s "$file" ] && [ "$tries" -gt 0 ]; do
		sleep 0.01
		tries=$((tries - 1))
	done
	[ -s "$file" ] || { echo "timed out waiting for $file" >&2; return 1; }
}

# Every valid signal number: 1-31 and SIGRTMIN..SIGRTMAX, from bash's kill -l
# (an independent oracle that also asks glibc).
valid_numbers() {
	for n in $(seq 1 64); do
		name=$(kill -l "$n" 2>/dev/null) && [ -n "$name" ] || continue
		echo "$n"
	done
}

# kill_children PID...: KILL and reap each PID that is still a child of this
# shell (running, or ended and not yet reaped). A PID the test has already
# reaped may belong to another process by now, and is left alone.
kill_children() {
	local p ppid
	for p in "$@"; do
		ppid=$(LC_ALL=C sed -n 's/.*) [^ ]* \([0-9]*\) .*/\1/p' "/proc/$p/stat" 2>/dev/null)
		if [ "$ppid" = "$BASHPID" ]; then
			kill -KILL "$p" 2>/dev/null || true
			wait "$p" 2>/dev/null || true
		fi
	done
}

# Skip a test that runs a command under tests/bin/sysfail (system calls
# failing as on an older kernel) where seccomp filters cannot be installed.
need_sysfail() {
	"$TESTS_BIN/sysfail" kill=EPERM -- true || skip "seccomp filters are not available"
}

# Build locale NAME (e.g. tr_TR) for UTF-8 into $BATS_TEST_TMPDIR/loc, so a
# test does not depend on the locales the machine has generated; skips the
# test when the locale sources (Debian package locales) are missing.
# Use it as: LOCPATH=$BATS_TEST_TMPDIR/loc LC_ALL=NAME.UTF-8 command.
build_locale() {
	[ -d "/usr/share/i18n/locales" ] && command -v localedef >/dev/null \
		|| skip "locale sources (package locales) are not installed"
	mkdir -p "$BATS_TEST_TMPDIR/loc"
	localedef -i "$1" -f UTF-8 "$BATS_TEST_TMPDIR/loc/$1.UTF-8" 2>/dev/null || true
	[ -d "$BATS_TEST_TMPDIR/loc/$1.UTF-8" ] || skip "cannot build the $1.UTF-8 locale"
}

# stop_in_poll PID SECONDS: once PID (a sigtool we started) is blocked in
# ppoll(2), its time limit armed, stop it with STOP for SECONDS, then CONT
# it; cont_ns is the time of the CONT (date +%s%N).
stop_in_poll() {
	local nr tries=1000 now
	nr=$("$TESTS_BIN/forge" sysno-ppoll)
	while [ "$tries" -gt 0 ]; do
		now=$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)
		[ "$now" = "$nr" ] && break
		sleep 0.01
		tries=$((tries - 1))
	done
	[ "$now" = "$nr" ] || { echo "$1 never blocked in ppoll (/proc syscall: $now)" >&2; return 1; }
	kill -STOP "$1"
	tries=1000
	until [ "$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat")" = T ] || [ "$tries" -eq 0 ]; do
		sleep 0.01
		tries=$((tries - 1))
	done
	sleep "$2"
	cont_ns=$(date +%s%N)
	kill -CONT "$1"
}

# on_pty [--cols N] [VAR=VALUE...] COMMAND [ARG...]: run COMMAND with stdin,
# stdout and stderr on a new pseudo-terminal (util-linux script), as a user
# at a terminal would; --cols sets the terminal's width (stty cols), else
# the terminal reports none. COLUMNS is unset unless given as VAR=VALUE;
# COMMAND "sigtool" is the binary under test (with SIGTOOL_WRAPPER). Prints
# what COMMAND wrote, without the CRs of the terminal's line discipline, and
# returns its status. Skips the test where script is missing.
on_pty() {
	command -v script >/dev/null || skip "script (util-linux) is not installed"
	local cmd="unset COLUMNS;" out rc
	if [ "$1" = --cols ]; then
		cmd="$cmd stty cols $2;"
		shift 2
	fi
	while [[ $1 == [A-Z_]*=* ]]; do
		printf -v cmd '%s export %q;' "$cmd" "$1"
		shift
	done
	if [ "$1" = sigtool ]; then
		shift
		printf -v cmd '%s %s %q' "$cmd" "${SIGTOOL_WRAPPER:-}" "$SIGTOOL"
	fi
	printf -v cmd '%s%s' "$cmd" "$(printf ' %q' "$@")"
	out=$(SHELL=/bin/bash script -qec "$cmd" /dev/null </dev/null)
	rc=$?
	printf '%s\n' "${out//$'\r'/}"
	return "$rc"
}

# widest: the display width of the widest line of stdin (coreutils wc -L,
# with C.UTF-8's character widths: Hangul takes two columns).
widest() {
	LC_ALL=C.UTF-8 wc -L
}

# words: stdin with every run of blanks and newlines made one blank, to
# compare wrapped text with the same text on one line.
words() {
	tr -s ' \n' '  ' | sed 's/ $//'
}
