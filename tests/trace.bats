#!/usr/bin/env bats
# trace.bats - `sigtool trace`: the kernel's signal tracepoints through
# perf_event_open. Root tests: tracefs is mounted for the file where it is
# not (and unmounted again only then); every test skips, with the reason,
# where perf_event_open is refused. Targets are processes the tests start;
# nothing else is signalled. Lines are matched on their fields, not their
# times.

bats_require_minimum_version 1.5.0
load helpers

TRACEFS=/sys/kernel/tracing

setup_file() {
	local why=
	if [ "$(id -u)" != 0 ]; then
		why="trace needs root here (CAP_PERFMON and tracefs)"
	elif ! grep -qs " $TRACEFS tracefs " /proc/mounts; then
		if mount -t tracefs nodev "$TRACEFS" 2>/dev/null; then
			touch "$BATS_FILE_TMPDIR/mounted"
		else
			why="tracefs cannot be mounted at $TRACEFS"
		fi
	fi
	if [ -z "$why" ] && ! "$SIGTOOL" trace -t 1ms -p $$ 2>"$BATS_FILE_TMPDIR/err"; then
		why="perf_event_open is refused here: $(cat "$BATS_FILE_TMPDIR/err")"
	fi
	printf '%s' "$why" > "$BATS_FILE_TMPDIR/skip"
}

teardown_file() {
	if [ -e "$BATS_FILE_TMPDIR/mounted" ]; then
		umount "$TRACEFS" || true
	fi
}

setup() {
	T=$BATS_TEST_TMPDIR
	started=()
	local why
	why=$(cat "$BATS_FILE_TMPDIR/skip")
	[ -z "$why" ] || skip "$why"
	CAUSE=$TESTS_BIN/sigcause
}

teardown() {
	kill_children "${started[@]}"
}

stderr_has() { [[ $stderr == *"$1"* ]] || { echo "stderr lacks '$1': $stderr" >&2; return 1; }; }

# valgrind says things on stderr; drop its lines.
unvalgrind() {
	[ -n "${SIGTOOL_WRAPPER:-}" ] || return 0
	stderr=$(grep -v '^==[0-9]*==' <<<"$stderr" || true)
}

# line_like ERE: the first line of $output that matches, in $line; fails
# (showing the output) if none does.
line_like() {
	line=$(grep -E -m1 -- "$1" <<<"$output") && return 0
	echo "no line matches: $1" >&2
	echo "$output" >&2
	return 1
}

# no_line_like ERE: no line of $output matches.
no_line_like() {
	if grep -E -q -- "$1" <<<"$output"; then
		echo "a line matches: $1" >&2
		echo "$output" >&2
		return 1
	fi
}

# The PID in "name[PID]" at field $2 of $line (fields split on blanks).
pid_in() {
	local f
	f=$(awk -v n="$1" '{ print $n }' <<<"$line")
	f=${f##*[}
	echo "${f%%[]/]*}"
}

# A sleep the test started (in $P), and a tracer of it, ready, with its
# stdout in $T/out and stderr in $T/err (its PID in $S).
start_target() {
	sleep 300 &
	P=$!
	started+=("$P")
}

start_tracer() {
	sigtool trace --pidfile "$T/ready" "$@" >"$T/out" 2>"$T/err" &
	S=$!
	started+=("$S")
	wait_for_file "$T/ready"
}

# Wait for the tracer; its status in $status, its output in $output and
# $stderr.
end_tracer() {
	status=0
	wait "$S" || status=$?
	output=$(cat "$T/out")
	stderr=$(cat "$T/err")
	unvalgrind
}

# ---------------------------------------------------------------- the events

@test "-- sh -c 'kill -USR1 \$\$': sh to sh, SI_USER, delivered; default action (Term)" {
	run -138 --separate-stderr sigtool trace -- sh -c 'kill -USR1 $$'
	line_like '^[0-9]+\.[0-9]{6} USR1  sh\[[0-9]+\] -> sh\[[0-9]+\]  SI_USER  delivered$'
	assert_equal "$(pid_in 3)" "$(pid_in 5)"
	sh=$(pid_in 3)
	line_like "^[0-9]+\.[0-9]{6} USR1  delivered to sh\[$sh\]: default action \(Term\)"
	unvalgrind
	stderr_has "sigtool: trace: "
	stderr_has "0 lost"
	stderr_has "USR1 2"
}

@test "the sender is named as it was: a /bin/kill that has exited is 'kill'" {
	start_target
	start_tracer -p "$P" -c 2
	/bin/kill -TERM "$P"
	end_tracer
	assert_success
	line_like "^[0-9.]+ TERM  kill\[[0-9]+\] -> sleep\[$P\]  SI_USER  delivered$"
	kpid=$(pid_in 3)
	run ! kill -0 "$kpid"
	output=$(cat "$T/out")
	line_like "^[0-9.]+ TERM  delivered to sleep\[$P\]: default action \(Term\)"
	[ "$(wc -l <"$T/out")" -eq 2 ]
}

@test "kernel-generated: PIPE of a write to a closed pipe, origin kernel, default action" {
	run -141 --separate-stderr sigtool trace -- "$CAUSE" pipe
	line_like '^[0-9.]+ PIPE  kernel -> sigcause\[[0-9]+\]  SI_USER  delivered$'
	line_like '^[0-9.]+ PIPE  delivered to sigcause\[[0-9]+\]: default action \(Term\)'
}

@test "kernel-generated: SEGV of a NULL dereference, SEGV_MAPERR, Core" {
	run -139 --separate-stderr sigtool trace --json -- "$CAUSE" segv
	line=$(jq -c 'select(.name == "SEGV" and .event == "generate")' <<<"$output")
	assert_equal "$(jq -r '[.origin, .code, .result, .target.comm] | join(" ")' <<<"$line")" \
		"kernel SEGV_MAPERR delivered sigcause"
	line=$(jq -c 'select(.name == "SEGV" and .event == "deliver")' <<<"$output")
	assert_equal "$(jq -r '[.action, .default_action, .target.comm] | join(" ")' <<<"$line")" \
		"default Core sigcause"
}

@test "kernel-generated: CHLD of a child's exit to its parent, CLD_EXITED" {
	run -0 --separate-stderr sigtool trace --signal CHLD -- "$CAUSE" chld
	line_like '^[0-9.]+ CHLD  kernel:sigcause\[[0-9]+\] -> sigcause\[[0-9]+\]  CLD_EXITED  ignored$'
	# the child told its parent, which did not ignore it on purpose: CHLD's
	# default is to ignore, so the kernel drops it at once
	[ "$(pid_in 3)" != "$(pid_in 5)" ]
}

@test "kernel-generated: XCPU past RLIMIT_CPU and ALRM of an itimer, SI_KERNEL" {
	run -152 --separate-stderr sigtool trace --signal XCPU -- "$CAUSE" xcpu
	line_like '^[0-9.]+ XCPU  kernel -> sigcause\[[0-9]+\]  SI_KERNEL  delivered$'
	line_like '^[0-9.]+ XCPU  delivered to sigcause\[[0-9]+\]: default action \(Core\)'
	run -142 --separate-stderr sigtool trace --signal ALRM -- "$CAUSE" alarm
	line_like '^[0-9.]+ ALRM  kernel -> sigcause\[[0-9]+\]  SI_KERNEL  delivered$'
	line_like '^[0-9.]+ ALRM  delivered to sigcause\[[0-9]+\]: default action \(Term\)'
}

@test "kernel-generated: the OOM killer's KILL in a cgroup with a small memory.max" {
	local root= cg r
	# cgroup v2 alone, or the "unified" part of a hybrid set-up
	for r in /sys/fs/cgroup /sys/fs/cgroup/unified; do
		[ "$(stat -f -c %T "$r" 2>/dev/null)" = cgroup2fs ] && { root=$r; break; }
	done
	[ -n "$root" ] || skip "no cgroup v2 mounted"
	grep -qw memory "$root/cgroup.controllers" \
		|| skip "cgroup v2 at $root has no memory controller (it is with cgroup v1 here)"
	cg=$root/sigtool-trace-$$
	mkdir "$cg" 2>/dev/null || skip "cgroup v2 at $root is not writable"
	echo 32M >"$cg/memory.max"
	echo 0 >"$cg/memory.swap.max" 2>/dev/null || true
	run --separate-stderr sigtool trace --signal KILL -- \
		sh -c "echo \$\$ > $cg/cgroup.procs && exec $CAUSE oom"
	rmdir "$cg" || true
	assert_equal "$status" 137
	line_like '^[0-9.]+ KILL  kernel -> sigcause\[[0-9]+\]  SI_KERNEL  delivered$'
}

# ---------------------------------------------------------------- results

@test "results: ignored; pending, then the delivery on unblock; overflow" {
	run -0 --separate-stderr sigtool trace -- sh -c 'trap "" USR1; kill -USR1 $$'
	line_like '^[0-9.]+ USR1  sh\[[0-9]+\] -> sh\[[0-9]+\]  SI_USER  ignored$'
	no_line_like 'USR1  delivered to'
	run -0 --separate-stderr sigtool trace --signal USR1 -- "$CAUSE" blocked
	assert_equal "$(cut -d' ' -f2- <<<"$output" | sed 's/\[[0-9]*\]/[]/g')" \
"USR1  sigcause[] -> sigcause[]  SI_USER  delivered
USR1  sigcause[] -> sigcause[]  SI_USER  pending
USR1  delivered to sigcause[]: handler"
	# RLIMIT_SIGPENDING 1 (ulimit -i 1): queued signals beyond it overflow
	run -0 --separate-stderr sigtool trace --signal RTMIN -- "$CAUSE" overflow
	line_like '^[0-9.]+ RTMIN  sigcause\[[0-9]+\] -> sigcause\[[0-9]+\]  SI_QUEUE  overflow$'
}

@test "descendants are followed through fork; the status is COMMAND's" {
	run -5 --separate-stderr sigtool trace --signal USR2 -- \
		sh -c 'sh -c "trap \"\" USR2; kill -USR2 \$\$"; exit 5'
	line_like '^[0-9.]+ USR2  sh\[[0-9]+\] -> sh\[[0-9]+\]  SI_USER  ignored$'
}
