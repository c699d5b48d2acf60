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
	valgrind_logs
	started=()
	local why
	why=$(cat "$BATS_FILE_TMPDIR/skip")
	[ -z "$why" ] || skip "$why"
	CAUSE=$TESTS_BIN/sigcause
}

teardown() {
	kill_children "${started[@]}"
	valgrind_clean
}

stderr_has() { [[ $stderr == *"$1"* ]] || { echo "stderr lacks '$1': $stderr" >&2; return 1; }; }

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
# stdout in $T/out and stderr in $T/err (its PID in $S). The target
# ignores USR1 and USR2 with -i.
start_target() {
	if [ "${1:-}" = -i ]; then
		sh -c 'trap "" USR1 USR2; exec sleep 300' &
	else
		sleep 300 &
	fi
	P=$!
	started+=("$P")
	[ "${1:-}" != -i ] || until [ "$(cat /proc/$P/comm 2>/dev/null)" = sleep ]; do
		sleep 0.01
	done
}

start_tracer() {
	# not through the sigtool function: $! must be sigtool's own PID
	${SIGTOOL_WRAPPER:-} "$SIGTOOL" trace --pidfile "$T/ready" "$@" >"$T/out" 2>"$T/err" &
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
}

# ---------------------------------------------------------------- the events

@test "-- sh -c 'kill -USR1 \$\$': sh to sh, SI_USER, delivered; default action (Term)" {
	run -138 --separate-stderr sigtool trace -- sh -c 'kill -USR1 $$'
	line_like '^[0-9]+\.[0-9]{6} USR1  sh\[[0-9]+\] -> sh\[[0-9]+\]  SI_USER  delivered$'
	assert_equal "$(pid_in 3)" "$(pid_in 5)"
	sh=$(pid_in 3)
	line_like "^[0-9]+\.[0-9]{6} USR1  delivered to sh\[$sh\]: default action \(Term\)"
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

@test "kernel-generated: SEGV of a read of an unmapped page, SEGV_MAPERR, Core" {
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

# ---------------------------------------------------------------- filters

@test "--pid: only the signals to or from PID" {
	start_target
	a=$P
	start_target
	b=$P
	start_tracer -p "$a" --no-deliveries -c 1
	/bin/kill -USR2 "$b"
	/bin/kill -USR1 "$a"
	end_tracer
	assert_success
	assert_equal "$(wc -l <<<"$output")" 1
	line_like "^[0-9.]+ USR1  kill\[[0-9]+\] -> sleep\[$a\]  SI_USER  delivered$"
}

@test "--signal and --no-deliveries" {
	run -0 --separate-stderr sigtool trace --signal USR2,HUP --no-deliveries -- \
		sh -c 'trap ":" USR1 USR2 HUP; kill -USR1 $$; kill -USR2 $$; kill -HUP $$'
	assert_equal "$(awk '{ print $2 }' <<<"$output" | tr '\n' ' ')" "USR2 HUP "
	no_line_like 'delivered to'
	run -0 --separate-stderr sigtool trace --signal USR2 -- \
		sh -c 'trap ":" USR1 USR2; kill -USR1 $$; kill -USR2 $$'
	line_like '^[0-9.]+ USR2  delivered to sh\[[0-9]+\]: handler$'
	assert_equal "$(wc -l <<<"$output")" 2
}

@test "--sender: what PID sends, and its deliveries; not what others send" {
	start_target -i
	# a sender that waits for its go, so that its PID is known before
	sh -c 'while [ ! -e "$1" ]; do sleep 0.01; done; kill -USR1 "$2"' sh "$T/go" "$P" &
	snd=$!
	started+=("$snd")
	start_tracer -p "$P" --sender "$snd" -c 1
	/bin/kill -USR2 "$P"
	touch "$T/go"
	wait "$snd"
	end_tracer
	assert_success
	line_like "^[0-9.]+ USR1  sh\[$snd\] -> sleep\[$P\]  SI_USER  ignored$"
	no_line_like 'USR2'
	# and a delivery: HUP, from the sender only
	sh -c 'while [ ! -e "$1" ]; do sleep 0.01; done; kill -HUP "$2"' sh "$T/go2" "$P" &
	snd=$!
	started+=("$snd")
	rm -f "$T/ready"
	start_tracer -p "$P" --sender "$snd" -c 2
	/bin/kill -USR2 "$P"
	touch "$T/go2"
	wait "$snd"
	end_tracer
	assert_success
	line_like "^[0-9.]+ HUP  sh\[$snd\] -> sleep\[$P\]  SI_USER  delivered$"
	line_like "^[0-9.]+ HUP  delivered to sleep\[$P\]: default action \(Term\)"
	no_line_like 'USR2'
}

@test "selection: --name --exact picks the traced processes" {
	ln -s "$(command -v sleep)" "$T/zqtrace"
	"$T/zqtrace" 300 &
	P=$!
	started+=("$P")
	until [ "$(cat /proc/$P/comm 2>/dev/null)" = zqtrace ]; do sleep 0.01; done
	start_target
	other=$P
	start_tracer --name zqtrace --exact --no-deliveries -c 1
	/bin/kill -USR2 "$other"
	/bin/kill -USR1 "${started[0]}"
	end_tracer
	assert_success
	assert_equal "$(wc -l <<<"$output")" 1
	line_like "^[0-9.]+ USR1  kill\[[0-9]+\] -> zqtrace\[${started[0]}\]  SI_USER  delivered$"
}

@test "--count stops after N events; --timeout after DUR, status 0" {
	run -0 --separate-stderr sigtool trace -c 1 -- sh -c 'trap "" USR1; kill -USR1 $$; kill -USR1 $$'
	assert_equal "$(wc -l <<<"$output")" 1
	start_target
	t0=$(date +%s%N)
	run -0 --separate-stderr sigtool trace -p "$P" -t 0.3
	t1=$(date +%s%N)
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: trace: 0 events (0 generated, 0 delivered), 0 lost"
	[ $(( (t1 - t0) / 1000000 )) -ge 300 ]
}

@test "INT ends the trace with the summary; status 0" {
	start_target
	start_tracer -p "$P"
	/bin/kill -HUP "$P"
	wait "$P" || true
	kill -INT "$S"
	end_tracer
	assert_success
	line_like "^[0-9.]+ HUP  kill\[[0-9]+\] -> sleep\[$P\]  SI_USER  delivered$"
	# and the CHLD of its end, to its parent (this shell): from PID
	line_like "^[0-9.]+ CHLD  kernel:sleep\[$P\] -> [^ ]+  CLD_KILLED  "
	assert_equal "$stderr" "sigtool: trace: 3 events (2 generated, 1 delivered), 0 lost; HUP 2, CHLD 1"
}

@test "--json: JSON Lines with the fields of the contract (jq)" {
	command -v jq >/dev/null || skip "jq is not installed"
	run -0 --separate-stderr sigtool trace --json -- sh -c 'trap ":" USR1; kill -USR1 $$'
	# every line one object
	jq -e . <<<"$output" >/dev/null
	g=$(jq -c 'select(.event == "generate" and .name == "USR1")' <<<"$output")
	assert_equal "$(jq -r '[.signo, .code, .origin, .sender.comm, .target.comm, .scope,
		.result, (.sender.pid == .target.pid), (.time | type)] | join(" ")' <<<"$g")" \
		"10 SI_USER process sh sh process delivered true number"
	d=$(jq -c 'select(.event == "deliver" and .name == "USR1")' <<<"$output")
	assert_equal "$(jq -r '[.signo, .action, .default_action, .target.comm, .group_exit,
		(.sa_flags | type)] | join(" ")' <<<"$d")" "10 handler Term sh false array"
	# a kernel origin with no task behind it has a null sender
	run -142 --separate-stderr sigtool trace --json --signal ALRM -- "$CAUSE" alarm
	g=$(jq -c 'select(.event == "generate")' <<<"$output")
	assert_equal "$(jq -r '[.origin, (.sender == null), .code] | join(" ")' <<<"$g")" \
		"kernel true SI_KERNEL"
}

@test "a name with control characters is cleaned for text, escaped in JSON" {
	command -v jq >/dev/null || skip "jq is not installed"
	ln -s "$(command -v sh)" "$T/$(printf 'a\tb')"
	run -0 --separate-stderr sigtool trace --signal USR1 --no-deliveries -- \
		"$T/$(printf 'a\tb')" -c 'trap "" USR1; kill -USR1 $$'
	line_like '^[0-9.]+ USR1  a\\x09b\[[0-9]+\] -> a\\x09b\[[0-9]+\]  SI_USER  ignored$'
	run -0 --separate-stderr sigtool trace --json --signal USR1 --no-deliveries -- \
		"$T/$(printf 'a\tb')" -c 'trap "" USR1; kill -USR1 $$'
	assert_equal "$(jq -r '.sender.comm' <<<"$output")" "$(printf 'a\tb')"
}

# ---------------------------------------------------------------- lost events

@test "lost events: reported on stderr at once, counted, status 1" {
	"$TESTS_BIN/state-target" --ready "$T/tgt" --ignore RTMIN &
	started+=("$!")
	wait_for_file "$T/tgt"
	. "$T/tgt"
	start_tracer -p "$pid" --buffer-size 64 --no-deliveries
	# the tracer stopped, a burst overflows its 64 KiB rings
	kill -STOP "$S"
	"$TESTS_BIN/sighelper" burst "$pid" "$(kill -l RTMIN 2>/dev/null || echo 34)" 20000
	kill -CONT "$S"
	kill -TERM "$S"
	end_tracer
	assert_equal "$status" 1
	[[ $stderr =~ sigtool:\ trace:\ [0-9]+\ (events\ lost\ on\ CPU\ [0-9]+:\ its\ ring\ buffer\ was\ full|more\ events\ lost) ]]
	[[ $stderr =~ ,\ ([0-9]+)\ lost ]]
	[ "${BASH_REMATCH[1]}" -gt 0 ]
	# what was kept is shown, ignored as it was
	line_like "^[0-9.]+ RTMIN  sighelper\[[0-9]+\] -> [^ ]+\[$pid\]  SI_QUEUE  ignored$"
}

# ---------------------------------------------------------------- errors

@test "tracefs not mounted: how to mount it, status 1; 125 and COMMAND not run" {
	command -v unshare >/dev/null || skip "unshare is not installed"
	unshare -m true 2>/dev/null || skip "mount namespaces are refused here"
	# debugfs too: its tracing directory mounts tracefs again when read
	run --separate-stderr unshare -m sh -c '
		while grep -Eq " (tracefs|debugfs) " /proc/self/mounts; do
			umount -l "$(awk "\$3 ~ /^(tracefs|debugfs)\$/ { print \$2; exit }" /proc/self/mounts)" || exit 9
		done
		"$0" trace -t 1s; echo "status $?"
		"$0" trace -- touch "$1"; echo "status $?"' "$SIGTOOL" "$T/ran"
	assert_equal "$output" "status 1
status 125"
	stderr_has "sigtool: trace: tracefs is not mounted (at /sys/kernel/tracing or /sys/kernel/debug/tracing); mount it with: mount -t tracefs nodev /sys/kernel/tracing"
	[ ! -e "$T/ran" ]
}

@test "tracepoints missing, or a format that is not one: status 1" {
	unshare -m true 2>/dev/null || skip "mount namespaces are refused here"
	run --separate-stderr unshare -m sh -c '
		mount -t tmpfs none "$1/events/signal" || exit 9
		"$0" trace -t 1s; echo "status $?"
		mkdir "$1/events/signal/signal_generate" "$1/events/signal/signal_deliver"
		for e in signal_generate signal_deliver; do
			echo 1 > "$1/events/signal/$e/id"
			printf "name: %s\nID: 1\nformat:\n\tfield:int sig;\toffset:8;\tsize:4;\n" $e \
				> "$1/events/signal/$e/format"
		done
		"$0" trace -t 1s; echo "status $?"' "$SIGTOOL" "$TRACEFS"
	assert_equal "$output" "status 1
status 1"
	stderr_has "sigtool: trace: the signal tracepoints are missing: no $TRACEFS/events/signal/signal_generate"
	stderr_has "sigtool: trace: cannot read the tracepoint format: $TRACEFS/events/signal/signal_generate/format: field 'sig': no offset, size or signed part"
}

@test "perf_event_open refused: which permission is missing; too many open files" {
	need_sysfail
	run -1 --separate-stderr "$TESTS_BIN/sysfail" perf_event_open=EACCES -- "$SIGTOOL" trace -t 1s
	# root has CAP_PERFMON: something else refuses, and it says so
	stderr_has "sigtool: trace: perf_event_open refused although sigtool has CAP_PERFMON: a seccomp filter"
	if command -v capsh >/dev/null && [ "$(cat /proc/sys/kernel/perf_event_paranoid)" -gt -1 ]; then
		run -1 --separate-stderr capsh --drop=cap_perfmon,cap_sys_admin -- -c "$SIGTOOL trace -t 1s"
		stderr_has "needs CAP_PERFMON (or CAP_SYS_ADMIN), which sigtool lacks, or kernel.perf_event_paranoid <= -1 (it is $(cat /proc/sys/kernel/perf_event_paranoid))"
	fi
	# 0-2, then a signalfd, a timerfd, an epoll and one perf event: no room
	# for the second
	run --separate-stderr bash -c 'for fd in $(ls /proc/$$/fd); do
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
		ulimit -n 7 && exec "$0" trace -t 1s' "$SIGTOOL"
	assert_equal "$status" 1
	stderr_has "sigtool: trace: too many open files: tracing takes 2 descriptors per CPU"
	run -125 --separate-stderr "$TESTS_BIN/sysfail" perf_event_open=EACCES -- \
		"$SIGTOOL" trace -- touch "$T/ran"
	[ ! -e "$T/ran" ]
}

@test "bad input: usage status 2 naming the word; 125 with a COMMAND, not run" {
	run -2 --separate-stderr sigtool trace -p abc
	assert_equal "$output" ""
	[[ $stderr == *"'abc'"* ]]
	run -2 --separate-stderr sigtool trace --signal NOPE -t 1
	[[ $stderr == *"NOPE"* ]]
	run -2 --separate-stderr sigtool trace -c 0
	run -2 --separate-stderr sigtool trace -t -1
	run -2 --separate-stderr sigtool trace --buffer-size 1
	run -2 --separate-stderr sigtool trace extra
	run -125 --separate-stderr sigtool trace -p abc -- touch "$T/ran"
	[ ! -e "$T/ran" ]
}

@test "no such process: status 1; COMMAND not found 127, not executable 126" {
	sh -c 'exit 0' &
	gone=$!
	wait "$gone"
	run -1 --separate-stderr sigtool trace -p "$gone" -t 1
	stderr_has "no process with PID $gone"
	run -127 --separate-stderr sigtool trace -- "$T/no-such-command"
	assert_equal "$stderr" "sigtool: trace: cannot run '$T/no-such-command': No such file or directory"
	run -126 --separate-stderr sigtool trace -- "$T"
}

@test "a closed stdout ends it quietly; /dev/full is an error" {
	# a pipe whose reader is gone before sigtool writes (not `| head -c 0`,
	# which may still be reading when the first line comes)
	mkfifo "$T/fifo"
	exec 5<>"$T/fifo" 6>"$T/fifo" 5<&-
	run -0 --separate-stderr bash -c '$0 "$1" trace -- sh -c "kill -USR1 \$\$" >&6' \
		"${SIGTOOL_WRAPPER:-exec}" "$SIGTOOL"
	# no error, only the summary
	assert_regex "$stderr" '^sigtool: trace: [0-9]+ events \([0-9]+ generated, [0-9]+ delivered\), 0 lost; [^$'"'"'\n'"'"']*$'
	exec 6>&-
	run --separate-stderr sh -c '"$0" trace -- sh -c "trap \"\" USR1; kill -USR1 \$\$" > /dev/full' "$SIGTOOL"
	assert_equal "$status" 1
	[[ $stderr == *"No space left on device"* ]]
}
