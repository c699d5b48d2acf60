#!/usr/bin/env bats
# timer.bats - `sigtool timer`: setitimer for an exec'd COMMAND, getitimer,
# and the supervised time limit (timeout(1)'s statuses, pidfd, timerfd).
# Time bounds are generous (a loaded CI machine is slow); accuracy is
# measured by bench/timer, not asserted here.

bats_require_minimum_version 1.5.0
load helpers

setup() {
	T=$BATS_TEST_TMPDIR
}

# Seconds since the epoch with microseconds, for generous elapsed-time bounds.
now() { printf '%s\n' "${EPOCHREALTIME/[.,]/.}"; }
# Seconds since $1 (a now value).
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.6f\n", b - a }'; }
# bats-assert of this system has no assert_stderr.
stderr_has() { [[ $stderr == *"$1"* ]] || { echo "stderr lacks '$1': $stderr" >&2; return 1; }; }
stderr_matches() { [[ $stderr =~ $1 ]] || { echo "stderr does not match '$1': $stderr" >&2; return 1; }; }
# awk compares decimals: lt A B is true when A < B.
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }

# The value (seconds) of timer $1 in `timer --get` output in $output.
value_of() {
	awk -v t="$1" '$1 == t { sub(/s$/, "", $3); print $3 }' <<<"$output"
}

# valgrind 3.19 does not know pidfd_open (syscall 434) and says so on stderr;
# sigtool then does without a pidfd. Drop valgrind's own lines.
unvalgrind() {
	[ -n "${SIGTOOL_WRAPPER:-}" ] || return 0
	stderr=$(grep -v '^--[0-9]*-- ' <<<"$stderr" || true)
	stderr_lines=()
	[ -z "$stderr" ] || mapfile -t stderr_lines <<<"$stderr"
}

no_wrapper() {
	[ -z "${SIGTOOL_WRAPPER:-}" ] || skip "$1 (not under SIGTOOL_WRAPPER)"
}

# ---------------------------------------------------------------- --get

@test "--get: the three timers, none armed in a plain shell" {
	run --separate-stderr sigtool timer --get
	unvalgrind
	assert_success
	assert_equal "$stderr" ""
	assert_output "TIMER    SIGNAL  VALUE  INTERVAL
REAL     ALRM    0s     0s
VIRTUAL  VTALRM  0s     0s
PROF     PROF    0s     0s"
}

@test "--get --json: one array with signo, name, value_us, interval_us" {
	run --separate-stderr sigtool timer --get --json
	unvalgrind
	assert_success
	assert_output '[{"timer":"REAL","signo":14,"name":"ALRM","value_us":0,"interval_us":0},{"timer":"VIRTUAL","signo":26,"name":"VTALRM","value_us":0,"interval_us":0},{"timer":"PROF","signo":27,"name":"PROF","value_us":0,"interval_us":0}]'
}

# ---------------------------------------------------------------- exec form

@test "exec form: COMMAND inherits a REAL timer of about DUR" {
	run --separate-stderr sigtool timer 10 -- "$SIGTOOL" timer --get
	unvalgrind
	assert_success
	assert_line --regexp '^REAL +ALRM +[0-9.]+s +0s$'
	assert_line --regexp '^VIRTUAL +VTALRM +0s +0s$'
	v=$(value_of REAL)
	lt 5 "$v" && lt "$v" 10.000001
}

@test "exec form: --interval is inherited exactly, DUR to the microsecond" {
	run --separate-stderr sigtool timer -i 0.5 100000d -- "$SIGTOOL" timer --get --json
	unvalgrind
	assert_success
	assert_output --regexp '"timer":"REAL","signo":14,"name":"ALRM","value_us":86399[0-9]{11},"interval_us":500000\}'
}

@test "exec form: a non-zero DUR below 1 us becomes 1 us, not 0" {
	run sigtool timer --interval 0.0000001 100 -- "$SIGTOOL" timer --get --json
	assert_success
	assert_output --partial '"interval_us":1}'
}

@test "exec form: --virtual and --prof arm their own timer" {
	run sigtool timer --virtual 7 -- "$SIGTOOL" timer --get
	assert_success
	assert_line --regexp '^REAL +ALRM +0s +0s$'
	v=$(value_of VIRTUAL)
	lt 6 "$v" && lt "$v" 7.1   # CPU timers tick: 7.004s is seen
	run sigtool timer --prof 7m -- "$SIGTOOL" timer --get
	assert_success
	assert_line --regexp '^VIRTUAL +VTALRM +0s +0s$'
	v=$(value_of PROF)
	lt 400 "$v" && lt "$v" 420.1
}

@test "exec form: DUR 0 disarms an inherited timer" {
	run sigtool timer 50 -- "$SIGTOOL" timer 0 -- "$SIGTOOL" timer --get
	assert_success
	assert_line --regexp '^REAL +ALRM +0s +0s$'
}

@test "exec form: COMMAND meets SIGALRM's default action: 142" {
	t0=$(now)
	run sigtool timer 0.3 -- sleep 30
	assert_equal "$status" 142
	lt "$(since "$t0")" 20
}

@test "exec form: an ALRM ignored by the caller is restored to the default for COMMAND" {
	run bash -c 'trap "" ALRM; exec "$@"' bash ${SIGTOOL_WRAPPER:-} "$SIGTOOL" timer 0.2 -- sleep 30
	assert_equal "$status" 142
}

@test "exec form: an ALRM blocked by the caller is unblocked for COMMAND" {
	# mask blocks ALRM for what it runs; timer must undo that for COMMAND,
	# and COMMAND must really start with ALRM unblocked
	run "$SIGTOOL" mask --block ALRM -- "$SIGTOOL" timer 5 -- grep SigBlk /proc/self/status
	assert_success
	blk=$(awk '{ print $2 }' <<< "$output")
	run "$SIGTOOL" mask --decode "$blk"
	assert_success
	refute_output --partial ALRM
	# the check itself can see ALRM in a mask
	run "$SIGTOOL" mask --block ALRM -- grep SigBlk /proc/self/status
	run "$SIGTOOL" mask --decode "$(awk '{ print $2 }' <<< "$output")"
	assert_output --partial ALRM
	run "$SIGTOOL" mask --block ALRM -- "$SIGTOOL" timer 0.2 -- sleep 30
	assert_equal "$status" 142
}

@test "exec form: COMMAND is looked up before the timer is armed: 127/126 even with DUR 1us" {
	printf 'not a program\n' > "$T/plain"
	for i in 1 2 3 4 5; do
		run -127 --separate-stderr sigtool timer 0.000001 -- "$T/no-such-command"
		unvalgrind
		assert_equal "$stderr" "sigtool: timer: cannot run '$T/no-such-command': No such file or directory"
		run -127 --separate-stderr sigtool timer 0.000001 -- "no-such-command-$$"
		run -126 --separate-stderr sigtool timer 0.000001 -- "$T"
		unvalgrind
		assert_equal "$stderr" "sigtool: timer: cannot run '$T': Permission denied"
		run -126 --separate-stderr sigtool timer 0.000001 -- "$T/plain"
	done
	# the PATH search is execvp's: a later entry is found; a file that is
	# there but not executable gives 126 where no entry has the command
	mkdir "$T/a" "$T/b"
	printf '#!/bin/sh\nexit 7\n' > "$T/b/cmd"
	chmod +x "$T/b/cmd"
	cp "$T/plain" "$T/a/cmd2"
	PATH="$T/a:$T/b:$PATH" run sigtool timer 5 -- cmd
	assert_equal "$status" 7
	PATH="$T/a:$T/b:$PATH" run -126 --separate-stderr sigtool timer 5 -- cmd2
	unvalgrind
	assert_equal "$stderr" "sigtool: timer: cannot run 'cmd2': Permission denied"
}

@test "exec form: no COMMAND: sigtool meets its own timer's signal" {
	run sigtool timer 0.2
	assert_equal "$status" 142
	run sigtool timer --virtual 0.2
	assert_equal "$status" 154
	run sigtool timer --prof 0.2
	assert_equal "$status" 155
}

@test "exec form: --virtual ends a CPU-burning COMMAND (154), not a sleeping one" {
	run timeout 60 "$SIGTOOL" timer --virtual 0.3 -- bash -c 'while :; do :; done'
	assert_equal "$status" 154
	# 1 s asleep uses next to no CPU: the 0.2 s of user time never pass.
	run sigtool timer --virtual 0.2 -- sleep 1
	assert_success
	run sigtool timer --prof 0.2 -- sleep 1
	assert_success
	run timeout 60 "$SIGTOOL" timer --prof 0.3 -- bash -c 'while :; do :; done'
	assert_equal "$status" 155
}

@test "exec form: --interval fires again and again (3 ALRMs counted)" {
	run timeout 60 "$SIGTOOL" timer -i 0.1 0.1 -- bash -c '
		n=0
		trap "n=\$((n + 1))" ALRM
		while [ "$n" -lt 3 ]; do sleep 0.02; done
		echo "$n"'
	assert_success
	assert_output 3
}

# ---------------------------------------------------------------- supervised

@test "--signal: 124 when the limit expires, well before COMMAND would end" {
	t0=$(now)
	run --separate-stderr sigtool timer --signal TERM 0.2 -- sleep 30
	unvalgrind
	assert_equal "$status" 124
	assert_equal "$stderr" ""
	lt "$(since "$t0")" 20
}

@test "--signal: COMMAND's own status, 128+n, 126, 127, and DUR 0 sets no limit" {
	run sigtool timer -s TERM 30 -- sh -c 'exit 3'
	assert_equal "$status" 3
	run sigtool timer -s TERM 30 -- true
	assert_success
	run sigtool timer -s TERM 30 -- sh -c 'kill -USR1 $$'
	assert_equal "$status" 138
	run -127 --separate-stderr sigtool timer -s TERM 30 -- "$T/no-such-command"
	unvalgrind
	assert_equal "$status" 127
	assert_equal "$stderr" "sigtool: timer: cannot run '$T/no-such-command': No such file or directory"
	run --separate-stderr sigtool timer -s TERM 30 -- "$T"
	unvalgrind
	assert_equal "$status" 126
	stderr_has "Permission denied"
	run sigtool timer -s TERM 0 -- sh -c 'sleep 0.3; exit 4'
	assert_equal "$status" 4
}

@test "--signal: 125 when sigtool itself cannot start (no file descriptors left)" {
	no_wrapper "valgrind needs descriptors of its own"
	run --separate-stderr bash -c 'for fd in 3 4 5 6 7 8 9; do eval "exec $fd>&-"; done; ulimit -n 5 && exec "$@"' bash "$SIGTOOL" timer -s TERM 10 -- true
	unvalgrind
	assert_equal "$status" 125
	stderr_has "sigtool: timer: cannot set up the event loop"
}

@test "--signal: the signal is SIG, and --preserve-status gives COMMAND's status" {
	run sigtool timer -s INT --preserve-status 0.2 -- sleep 30
	assert_equal "$status" 130
	run sigtool timer -s TERM --preserve-status 0.2 -- bash -c 'trap "exit 5" TERM; sleep 30 & wait'
	assert_equal "$status" 5
	run sigtool timer -s TERM 0.2 -- bash -c 'trap "exit 5" TERM; sleep 30 & wait'
	assert_equal "$status" 124
}

@test "--kill-after: KILL for a COMMAND that ignores SIG: 137" {
	run --separate-stderr sigtool timer -s TERM -k 0.2 -v 0.2 -- bash -c 'trap "" TERM; sleep 30'
	unvalgrind
	assert_equal "$status" 137
	stderr_matches 'sending TERM to process group [0-9]+'
	stderr_matches 'sending KILL to process group [0-9]+'
	stderr_matches "'bash' \(PID [0-9]+\) was killed by signal KILL"
	stderr_matches 'exit status 137$'
	# KILL as the signal itself also shows as 137, as with timeout(1)
	run sigtool timer -s KILL 0.2 -- sleep 30
	assert_equal "$status" 137
}

@test "--verbose: what was sent when, and how COMMAND ended" {
	run --separate-stderr sigtool timer --signal=HUP --verbose 0.2 -- sleep 30
	unvalgrind
	assert_equal "$status" 124
	assert_equal "${#stderr_lines[@]}" 3
	assert_regex "${stderr_lines[0]}" '^sigtool: timer: 0\.[0-9]{6}s: time limit reached: sending HUP to process group [0-9]+$'
	assert_regex "${stderr_lines[1]}" "^sigtool: timer: [0-9.]+s: 'sleep' \(PID [0-9]+\) was killed by signal HUP$"
	assert_regex "${stderr_lines[2]}" '^sigtool: timer: [0-9.]+s: exit status 124$'
	run --separate-stderr sigtool timer -s TERM -v 30 -- sh -c 'exit 6'
	unvalgrind
	assert_equal "$status" 6
	assert_regex "${stderr_lines[0]}" "'sh' \(PID [0-9]+\) exited with status 6$"
}

@test "--signal: a stopped COMMAND gets CONT after the signal" {
	run timeout 60 "$SIGTOOL" timer -s TERM 0.3 -- sh -c 'kill -STOP $$; sleep 30'
	assert_equal "$status" 124
}

@test "--signal: TERM sent to sigtool is forwarded to COMMAND" {
	${SIGTOOL_WRAPPER:-} "$SIGTOOL" timer -s TERM -v 60 -- bash -c '
		trap "echo got TERM > \"$1/got\"; exit 9" TERM
		echo $$ > "$1/ready"
		while :; do sleep 0.05; done' bash "$T" 2>"$T/err" &
	pid=$!
	wait_for_file "$T/ready"
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	assert_equal "$status" 9
	assert_equal "$(cat "$T/got")" "got TERM"
	run cat "$T/err"
	assert_output --regexp "got TERM from PID $$ \\(bash\\): forwarding it to process group [0-9]+"
}

# Whether PID $1 still runs the marked sleep. The grandchild's output goes to
# /dev/null: one holding the pipe of bats' `run` is ended by bats itself.
grandchild_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	local state
	state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 1
	[ "$state" != Z ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'sleep 31.5'
}

@test "--signal: the whole process group ends, grandchildren too" {
	run sigtool timer -s TERM 0.3 -- bash -c 'sleep 31.5 >/dev/null 2>&1 & echo $! > "$1/gc"; wait' bash "$T"
	assert_equal "$status" 124
	gc=$(cat "$T/gc")
	for _ in $(seq 100); do grandchild_alive "$gc" || break; sleep 0.05; done
	run grandchild_alive "$gc"
	assert_failure
}

@test "--foreground: only COMMAND is signalled; its child survives" {
	run sigtool timer -s TERM --foreground 0.3 -- bash -c 'sleep 31.5 >/dev/null 2>&1 & echo $! > "$1/gc"; wait' bash "$T"
	assert_equal "$status" 124
	gc=$(cat "$T/gc")
	alive=0
	grandchild_alive "$gc" || alive=$?
	kill "$gc" 2>/dev/null || true      # the test started it: clean up
	assert_equal "$alive" 0
}

# ---------------------------------------------------------------- bad input

# With a COMMAND, usage errors are 125 (env's and timeout's convention), so
# that they cannot be taken for COMMAND's own status.
@test "bad durations: status 125 naming the word, stdout empty, nothing run" {
	for d in -1 abc nan inf 1e999 '' 0x10 '1 s' 5q 99999999999999d; do
		for form in "timer X -- touch $T/ran" "timer -i X 1 -- touch $T/ran" \
			    "timer -s TERM X -- touch $T/ran" "timer -s TERM -k X 1 -- touch $T/ran"; do
			read -ra words <<<"$form"
			for i in "${!words[@]}"; do [ "${words[$i]}" = X ] && words[$i]=$d; done
			run --separate-stderr isolated "$SIGTOOL" "${words[@]}"
			unvalgrind
			assert_equal "$status" 125
			assert_equal "$output" ""
			if [ "$d" = -1 ] && [[ $form != *"-i X"* && $form != *"-k X"* ]]; then
				# a DUR of -1 is read as the option -1, as getopt did
				stderr_has "invalid option -- '1'"
			elif [ -n "$d" ]; then
				stderr_has "'$d'"
			else
				stderr_has "empty duration"
			fi
			stderr_has "Try 'sigtool timer --help'"
		done
	done
	[ ! -e "$T/ran" ]
}

@test "bad signal names: status 125 (with a COMMAND) with a suggestion" {
	run --separate-stderr isolated "$SIGTOOL" timer --signal TREM 1 -- true
	unvalgrind
	assert_equal "$status" 125
	stderr_has "TREM"
	stderr_has "TERM"
	run --separate-stderr isolated "$SIGTOOL" timer --signal 0 1 -- true
	unvalgrind
	assert_equal "$status" 125
	run --separate-stderr isolated "$SIGTOOL" timer -s 65 1 true
	unvalgrind
	assert_equal "$status" 125
	# no COMMAND: a usage error is 2, as in every verb
	run --separate-stderr isolated "$SIGTOOL" timer -s 65 1
	unvalgrind
	assert_equal "$status" 2
}

@test "conflicting and missing operands: status 2, or 125 with '--', nothing run" {
	bad() {
		local want=2 w
		for w in "$@"; do [ "$w" != -- ] || want=125; done
		run --separate-stderr isolated "$SIGTOOL" timer "$@"
		unvalgrind
		assert_equal "$status" "$want"
		assert_equal "$output" ""
	}
	bad --real --virtual 1 -- touch "$T/ran"
	stderr_has "--real and --virtual cannot be used together"
	bad --prof --real 1
	bad --get 5
	stderr_has "--get takes no DUR"
	bad --get --real
	bad --json 1 -- touch "$T/ran"
	bad --signal TERM 5
	stderr_has "--signal needs a COMMAND"
	bad --signal TERM --virtual 5 -- touch "$T/ran"
	bad --signal TERM -i 1 5 -- touch "$T/ran"
	bad --kill-after 1 5 -- touch "$T/ran"
	stderr_has "--kill-after goes with --signal"
	bad --preserve-status 5 -- touch "$T/ran"
	bad --foreground 5 -- touch "$T/ran"
	bad -v 5 -- touch "$T/ran"
	bad -i 1 0 -- touch "$T/ran"
	bad 0
	bad
	stderr_has "missing DUR"
	bad --signal
	# words between DUR and "--" are not COMMAND: nothing of them is run
	bad 0 touch "$T/ran" -- true
	stderr_has "unexpected argument 'touch' before '--'"
	bad --signal TERM 5 touch "$T/ran" -- true
	stderr_has "unexpected argument 'touch' before '--'"
	bad -- sleep 1
	stderr_has "missing DUR"
	[ ! -e "$T/ran" ]
}

@test "options of COMMAND after '--' stay its own" {
	run --separate-stderr sigtool timer 5 -- sh -c 'echo "$@"' sh -v --get -s TERM
	assert_success
	assert_output "-v --get -s TERM"
	run --separate-stderr sigtool timer -s TERM 5 -- sh -c 'echo "$@"' sh --kill-after 1 -- x
	unvalgrind
	assert_success
	assert_output "--kill-after 1 -- x"
	assert_equal "$stderr" ""
}

@test "--help documents the forms, the exit statuses and the choices made" {
	run --separate-stderr sigtool timer --help
	unvalgrind
	assert_success
	assert_line --partial "--get [--json]"
	assert_line --regexp '^  124 '
	assert_line --regexp '^  137 '
	assert_output --partial "DUR 0 disarms"
	assert_output --partial "rounded up to the"
	assert_output --partial "--foreground"
	assert_output --partial "looked up in PATH before"
}

@test "option errors name the option, and a bad short option the letter" {
	run --separate-stderr isolated "$SIGTOOL" timer -s FOO 1 -- true
	unvalgrind
	assert_equal "$status" 125
	assert_equal "$output" ""
	assert_equal "${stderr%%$'\n'*}" "sigtool: timer: --signal: unknown signal 'FOO'"
	run --separate-stderr isolated "$SIGTOOL" timer --signal=TERM -15 -- true
	unvalgrind
	assert_equal "$status" 125
	assert_equal "$output" ""
	assert_equal "$stderr" "sigtool: timer: invalid option -- '1'
Try 'sigtool timer --help' for more information."
}
