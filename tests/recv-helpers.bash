# recv-helpers.bash - shared by wait.bats, pause.bats and catch.bats: start
# a sigtool in the background and know when it is ready, with no sleep.

HELPER=${TOP_BUILDDIR:-$TOP_SRCDIR}/tests/bin/sighelper

# spawn ARGS...: `sigtool ARGS` in the background, exec'd so that $! is its
# PID (also under SIGTOOL_WRAPPER: valgrind keeps the PID).
spawn() {
	( exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" "$@" ) &
}

# start VERB ARGS...: `sigtool VERB --ready-fd 3 ARGS...` in the background,
# its stdin a FIFO that the test holds open on fd 7 (close it for EOF), its
# stdout and stderr in $T/out and $T/err. Returns once sigtool has written
# its ready line: pid is its PID (the same as $bgpid).
start() {
	local verb=$1
	shift
	T=$BATS_TEST_TMPDIR
	rm -f "$T/in" "$T/ready"
	mkfifo "$T/in" "$T/ready"
	( exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" "$verb" --ready-fd 3 "$@" \
		<"$T/in" 3>"$T/ready" >"$T/out" 2>"$T/err" ) &
	bgpid=$!
	exec 7>"$T/in"
	pid=
	read -r pid <"$T/ready" || true
	if [ -z "$pid" ]; then
		cat "$T/err" >&2
		return 1
	fi
}

# finish: wait for the sigtool of start; status is its exit status, output
# and stderr what it wrote.
finish() {
	exec 7>&-
	status=0
	wait "$bgpid" || status=$?
	bgpid=
	output=$(cat "$T/out")
	stderr=$(cat "$T/err")
	lines=()
	[ -z "$output" ] || mapfile -t lines <<<"$output"
	drop_valgrind_notes
}

# Under valgrind, drop valgrind's own notes ("--PID-- WARNING: unhandled
# syscall", e.g. pidfd_open, which valgrind 3.19 lacks) from $stderr; its
# error reports ("==PID==") stay, and --error-exitcode fails the test anyway.
drop_valgrind_notes() {
	if under_valgrind; then
		stderr=$(grep -v '^--[0-9][0-9]*-- ' <<<"$stderr" || true)
	fi
	return 0
}

# In teardown: end what start started and the test did not wait for.
reap_started() {
	exec 7>&-
	[ -z "${bgpid:-}" ] || kill_children "$bgpid"
	bgpid=
}

# The state of a signal set in /proc/PID/status: the hex mask of a line.
proc_mask() {
	sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status"
}

# The mask with the bits of the given signal numbers (bit n-1 = signal n).
mask_of() {
	local m=0 s
	for s in "$@"; do
		m=$((m | (1 << (s - 1))))
	done
	printf '%016x\n' "$m"
}

# Wait until the main thread of PID is blocked in read(2) of its stdin, as
# /proc/PID/syscall shows: "NR 0x0 ...".
wait_in_read() {
	local nr tries=1000 now
	nr=$("$HELPER" sysno-read)
	while [ "$tries" -gt 0 ]; do
		now=$(cut -d' ' -f1,2 "/proc/$1/task/$1/syscall" 2>/dev/null)
		[ "$now" = "$nr 0x0" ] && return 0
		sleep 0.01
		tries=$((tries - 1))
	done
	echo "$1 never blocked in read(0) (/proc syscall: $now)" >&2
	return 1
}

# Wait until FILE has N lines.
wait_for_lines() {
	local tries=2000
	while [ "$(wc -l <"$1")" -lt "$2" ] && [ "$tries" -gt 0 ]; do
		sleep 0.01
		tries=$((tries - 1))
	done
	[ "$(wc -l <"$1")" -ge "$2" ] || { echo "$1: fewer than $2 lines" >&2; return 1; }
}

under_valgrind() {
	[ -n "${SIGTOOL_WRAPPER:-}" ]
}

# A sanitizer build installs its own SEGV, BUS and FPE handlers: not for the
# tests that check that sigtool catches nothing.
no_sanitizer_handlers() {
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}handle_segv=0:handle_sigbus=0:handle_sigfpe=0"
}
