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

FORGE=${TOP_BUILDDIR:-$TOP_SRCDIR}/tests/bin/forge

# check_forged_text FILE LIST SIGNAME [SUFFIX-REGEXP]: every line of FILE is
# "SIGNAME code=WORD" and KEY=NUMBER fields, one per forged siginfo of LIST
# ("CODE PID UID VALUE", from `forge list`) in order; a code with no name is
# its number, and a sender or value shown is the forged one.
check_forged_text() {
	awk -v sig="$3" -v sfx="${4:-}" '
		NR == FNR { code[NR] = $1; pid[NR] = $2; uid[NR] = $3; val[NR] = $4; n = NR; next }
		{ i = FNR; line = $0 }
		sfx != "" { if (!sub(sfx "$", "", line)) { print "no suffix: " $0; bad = 1 } }
		line !~ "^" sig " code=[A-Z_0-9-]+( (pid|uid|value|status)=-?[0-9]+)*$" {
			print "malformed: " $0; bad = 1; next }
		{
			split(line, f, " ")
			c = substr(f[2], 6)
			if (c ~ /^-?[0-9]+$/ && c != code[i]) { print "code " c " for " code[i]; bad = 1 }
			for (k = 3; k in f; k++) {
				split(f[k], kv, "=")
				if ((kv[1] == "pid" && kv[2] != pid[i]) || (kv[1] == "uid" && kv[2] != uid[i]) ||
				    (kv[1] == "value" && kv[2] != val[i])) { print "forged " kv[1] " lost: " $0; bad = 1 }
			}
		}
		END { if (FNR != n) { print FNR " lines for " n " signals"; bad = 1 } exit bad }
	' "$2" "$1"
}

# check_forged_json FILE LIST SIGNO: the same for JSON Lines, read by jq:
# every field an integer or null, the code a name or the forged number.
check_forged_json() {
	jq -e -n --slurpfile got "$1" --rawfile exp "$2" --argjson signo "$3" '
		($exp | split("\n") | map(select(length > 0) | split(" ") | map(tonumber))) as $e
		| ($got | length) == ($e | length) and
		  all(range(0; $e | length); . as $i | $got[$i] as $g | $e[$i] as $x
		      | $g.signo == $signo and ($g.name | type) == "string"
		      and ($g.code | type) == "string"
		      and (($g.code | test("^[A-Z_]+$")) or ($g.code | tonumber) == $x[0])
		      and all(($g.pid, $g.uid, $g.value, $g.status); . == null or (type == "number" and . == floor))
		      and ($g.pid == null or $g.pid == $x[1]) and ($g.uid == null or $g.uid == $x[2])
		      and ($g.value == null or $g.value == $x[3])
		      and ($x[0] != -2147483648 or ($g.pid == $x[1] and $g.value == $x[3])))' >/dev/null
}
