#!/usr/bin/env bats
# timeout.bats - `sigtool timeout`: coreutils timeout(1)'s options, durations
# and statuses, on the supervised engine it shares with `timer --signal`.
# Tests wait on readiness files written by the processes they start; time
# bounds are generous, accuracy is measured by bench/timeout.

bats_require_minimum_version 1.5.0
load helpers

setup() {
	T=$BATS_TEST_TMPDIR
	started=()
	valgrind_logs
}

teardown() {
	kill_children "${started[@]}"
	valgrind_clean
}

stderr_has() { [[ $stderr == *"$1"* ]] || { echo "stderr lacks '$1': $stderr" >&2; return 1; }; }

# ---------------------------------------------------------------- statuses

@test "124 when DURATION expires; COMMAND's own status otherwise" {
	run --separate-stderr sigtool timeout 0.2 sleep 30
	assert_equal "$status" 124
	assert_equal "$stderr" ""
	run sigtool timeout 30 sh -c 'exit 3'
	assert_equal "$status" 3
	run sigtool timeout 30 true
	assert_success
	run sigtool timeout 0 sh -c 'exit 4'
	assert_equal "$status" 4
}

@test "126 and 127 when COMMAND cannot be run" {
	run -127 --separate-stderr sigtool timeout 5 "$T/no-such-command"
	assert_equal "$stderr" "sigtool: timeout: cannot run '$T/no-such-command': No such file or directory"
	run -126 --separate-stderr sigtool timeout 5 "$T"
	stderr_has "Permission denied"
}

@test "137 after --kill-after on a COMMAND that ignores TERM; -s KILL too" {
	# TERM is ignored before COMMAND is exec'd: no start-up race
	run --separate-stderr sigtool timeout -v -k 0.2 0.2 "$SIGTOOL" mask --ignore TERM -- sleep 30
	assert_equal "$status" 137
	stderr_has "sending TERM to process group"
	stderr_has "sending KILL to process group"
	run sigtool timeout -s KILL 0.2 sleep 30
	assert_equal "$status" 137
	run sigtool timeout --preserve-status -s KILL 0.2 sleep 30
	assert_equal "$status" 137
}

@test "-s 0 -k 0.2: nothing but KILL, after DURATION and the delay" {
	run --separate-stderr sigtool timeout -v -s 0 -k 0.2 0.1 "$SIGTOOL" mask --ignore TERM -- sleep 30
	assert_equal "$status" 137
	assert_regex "${stderr_lines[0]}" '^sigtool: timeout: 0\.[0-9]{6}s: time limit reached: sending signal 0 to process group [0-9]+$'
	assert_regex "${stderr_lines[1]}" 'sending KILL to process group'
	# -s0 as one word, as in timeout(1)'s idiom
	run sigtool timeout -s0 -k0.2 0.1 sleep 30
	assert_equal "$status" 137
}

@test "--preserve-status: COMMAND's status even on expiry" {
	run sigtool timeout -p -s INT 0.2 sleep 30
	assert_equal "$status" 130
	run sigtool timeout --preserve-status 0.2 sh -c 'trap "exit 5" TERM; sleep 30 & wait'
	assert_equal "$status" 5
	run sigtool timeout 0.2 sh -c 'trap "exit 5" TERM; sleep 30 & wait'
	assert_equal "$status" 124
}

@test "durations: timeout(1)'s floating-point forms and sigtool's units" {
	for d in 1e-3 .05 5e-2 0.05 50ms 0.001m 1.5e-5h; do
		run sigtool timeout "$d" sleep 30
		assert_equal "$status" 124
	done
	run sigtool timeout 1e1 true
	assert_success
}

# ---------------------------------------------------------------- COMMAND

@test "COMMAND's options stay its own, with or without '--'" {
	run sigtool timeout 5 ls -l -d /
	assert_success
	assert_output --regexp '^d.* /$'
	run sigtool timeout 5 -- sh -c 'echo "$@"' sh -v -s KILL -- x
	assert_success
	assert_output "-v -s KILL -- x"
	run sigtool timeout -v 5 sh -c 'echo "$@"' sh -k 1 --preserve-status
	assert_success
	assert_output --partial "-k 1 --preserve-status"
}

# Whether PID $1 still runs the marked sleep (not a zombie).
grandchild_alive() {
	[ -r "/proc/$1/stat" ] || return 1
	[ "$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null)" != Z ] \
		&& tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | grep -q 'sleep 31.5'
}

@test "a grandchild in COMMAND's process group is ended too" {
	run sigtool timeout 0.3 sh -c 'sleep 31.5 >/dev/null 2>&1 & echo $! > "$1/gc"; wait' sh "$T"
	assert_equal "$status" 124
	gc=$(cat "$T/gc")
	for _ in $(seq 100); do grandchild_alive "$gc" || break; sleep 0.05; done
	run grandchild_alive "$gc"
	assert_failure
}

@test "--foreground: only COMMAND is signalled, its children live on" {
	# as timeout(1) --foreground: no process group, so no group signal
	run sigtool timeout -f 0.3 sh -c 'sleep 31.5 >/dev/null 2>&1 & echo $! > "$1/gc"; wait' sh "$T"
	assert_equal "$status" 124
	gc=$(cat "$T/gc")
	run grandchild_alive "$gc"
	kill -KILL "$gc"
	assert_success
}

# ---------------------------------------------------------------- signals

# Start `sigtool timeout ARGS...` in the background with its stderr in
# $T/err; its PID in $pid. Bash starts background jobs with INT and QUIT
# ignored, and an ignored signal stays ignored: mask gives them back.
start() {
	"$SIGTOOL" mask --default INT,QUIT -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" timeout "$@" 2>"$T/err" &
	pid=$!
	started+=("$pid")
}

@test "every signal that would end sigtool and can be caught is forwarded" {
	sigs=(HUP INT QUIT ILL TRAP ABRT BUS FPE USR1 SEGV USR2 PIPE TERM STKFLT
	      XCPU XFSZ VTALRM PROF IO PWR SYS)
	for n in $(seq "$(kill -l RTMIN)" "$(kill -l RTMAX)"); do sigs+=("$n"); done
	# valgrind dies of a fault signal (and SYS) sent to it while it is
	# blocked, and keeps RTMAX for itself
	if [ -n "${SIGTOOL_WRAPPER:-}" ]; then
		keep=()
		for s in "${sigs[@]}"; do
			[[ $s =~ ^(ILL|TRAP|BUS|FPE|SEGV|SYS|$(kill -l RTMAX))$ ]] || keep+=("$s")
		done
		sigs=("${keep[@]}")
	fi
	for s in "${sigs[@]}"; do
		n=$(kill -l "$s")
		[[ $s =~ ^[0-9]+$ ]] && n=$s
		rm -f "$T/ready"
		start 20 "$TESTS_BIN/sigrecv" "$T/ready" "$n" >"$T/out"
		wait_for_file "$T/ready"
		kill -s "$n" "$pid"
		st=0
		wait "$pid" || st=$?
		assert_equal "$s:$st" "$s:0"
		# sigrecv prints "signo code pid ...": from sigtool itself
		read -r got code from _ <"$T/out"
		assert_equal "$s:$got:$from" "$s:$n:$pid"
	done
}

@test "a forwarded signal is reported with its sender in words" {
	start -v 60 "$TESTS_BIN/sigrecv" "$T/ready" USR1
	wait_for_file "$T/ready"
	kill -USR1 "$pid"
	wait "$pid"
	run cat "$T/err"
	assert_line --regexp "^sigtool: timeout: [0-9]+\.[0-9]{6}s: got USR1 from PID $$ \(bash\): forwarding it to process group [0-9]+$"
}

@test "ALRM sent to sigtool counts as DURATION expiring: nested timeouts" {
	start -v 60 "$SIGTOOL" timeout 120 sh -c 'echo $$ > "$1/ready"; exec sleep 30' sh "$T"
	wait_for_file "$T/ready"
	kill -ALRM "$pid"
	st=0
	wait "$pid" || st=$?
	assert_equal "$st" 124
	run cat "$T/err"
	assert_line --regexp "got ALRM from PID $$ \(bash\): time limit reached: sending TERM to process group [0-9]+$"
	# the inner sigtool got TERM, forwarded it, and died of it as COMMAND did
	assert_line --regexp "'.*sigtool' \(PID [0-9]+\) was killed by signal TERM$"
}

@test "ALRM and SIG are taken even when ignored on entry, as timeout(1) does" {
	# -k 5: a USR1 that never came would end in KILL (137), not a hang
	"$SIGTOOL" mask --ignore ALRM,USR1 -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" timeout -v -k 5 -s USR1 60 \
		"$SIGTOOL" mask --default USR1 -- "$TESTS_BIN/sigrecv" "$T/ready" USR1 >"$T/out" 2>"$T/err" &
	pid=$!
	started+=("$pid")
	wait_for_file "$T/ready"
	kill -ALRM "$pid"
	st=0
	wait "$pid" || st=$?
	assert_equal "$st" 124
	read -r got code from _ <"$T/out"
	assert_equal "$got:$from" "$(kill -l USR1):$pid"
	run cat "$T/err"
	assert_line --regexp "got ALRM from PID $$ \(bash\): time limit reached: sending USR1"
}

@test "ALRM to the inner of nested timeouts: the inner expires, 124 goes up" {
	start 60 "$SIGTOOL" timeout -v 120 sh -c 'echo $PPID > "$1/ready"; exec sleep 30' sh "$T"
	wait_for_file "$T/ready"
	kill -ALRM "$(cat "$T/ready")"
	st=0
	wait "$pid" || st=$?
	assert_equal "$st" 124
	run cat "$T/err"
	assert_line --partial "time limit reached: sending TERM"
}

@test "COMMAND ended by a signal before DURATION: sigtool ends by that signal" {
	# the outer one tells how the inner ended: killed, not exited with 138
	run --separate-stderr sigtool timeout -v 60 "$SIGTOOL" timeout 30 sh -c 'kill -USR1 $$'
	assert_equal "$status" 138
	stderr_has "was killed by signal USR1"
	run sigtool timeout 30 sh -c 'kill -INT $$'
	assert_equal "$status" 130
	# after expiry, 124, or 128+n with --preserve-status: no signal death
	run --separate-stderr sigtool timeout -v 60 "$SIGTOOL" timeout -p 0.1 sleep 30
	assert_equal "$status" 143
	stderr_has "exited with status 143"
}

@test "sigtool killed by KILL: COMMAND gets the signal (PR_SET_PDEATHSIG)" {
	start -s USR1 60 "$TESTS_BIN/sigrecv" "$T/ready" USR1 >"$T/out"
	wait_for_file "$T/ready"
	kill -KILL "$pid"
	wait "$pid" || true
	# sigrecv prints the USR1 it got, then ends
	wait_for_file "$T/out"
	read -r got _ <"$T/out"
	assert_equal "$got" "$(kill -l USR1)"
}

@test "a closed stderr: no SIGPIPE death, COMMAND still ended on time" {
	# a pipe with no reader left: every write to it fails with EPIPE
	mkfifo "$T/fifo"
	exec 5<>"$T/fifo" 6>"$T/fifo" 5<&-
	for verb in "timeout -v 0.2" "timer -v --signal TERM 0.2 --"; do
		read -ra words <<<"$verb"
		st=0
		${SIGTOOL_WRAPPER:-} "$SIGTOOL" "${words[@]}" sh -c 'echo $$ > "$1/pid"; exec sleep 30' sh "$T" 2>&6 || st=$?
		assert_equal "$verb:$st" "$verb:124"
		run grandchild_alive "$(cat "$T/pid")"
		assert_failure
	done
	# and usage errors still exit with their status
	st=0
	"$SIGTOOL" timeout -s FOO 1 true 2>&6 || st=$?
	assert_equal "$st" 125
	exec 6>&-
}

# ---------------------------------------------------------------- bad input

@test "bad DURATIONs and signals: 125 naming the word, nothing run" {
	for d in -1 abc nan inf 1e999 '' 0x10 '1 s' 5q 1e 99999999999999d; do
		for form in "X touch $T/ran" "-k X 1 touch $T/ran" "X -- touch $T/ran"; do
			read -ra words <<<"$form"
			for i in "${!words[@]}"; do [ "${words[$i]}" = X ] && words[$i]=$d; done
			run --separate-stderr isolated "$SIGTOOL" timeout "${words[@]}"
					assert_equal "$d:$status" "$d:125"
			assert_equal "$output" ""
			if [ "$d" = -1 ] && [[ $form != "-k X"* ]]; then
				stderr_has "invalid option -- '1'"
			elif [ -n "$d" ]; then
				stderr_has "'$d'"
			else
				stderr_has "empty duration"
			fi
			stderr_has "Try 'sigtool timeout --help'"
		done
	done
	for s in TREM 65 -1 ''; do
		run --separate-stderr isolated "$SIGTOOL" timeout -s "$s" 1 touch "$T/ran"
			assert_equal "$s:$status" "$s:125"
		[ -z "$s" ] || stderr_has "'$s'"
	done
	run --separate-stderr isolated "$SIGTOOL" timeout --signal TREM 1 touch "$T/ran"
	stderr_has "did you mean TERM?"
	[ ! -e "$T/ran" ]
}

@test "missing operands and bad options: 125" {
	bad() {
		run --separate-stderr isolated "$SIGTOOL" timeout "$@"
			assert_equal "$status" 125
		assert_equal "$output" ""
	}
	bad
	stderr_has "missing DURATION"
	bad 5
	stderr_has "missing COMMAND"
	bad 5 --
	bad --bogus 5 touch "$T/ran"
	stderr_has "--bogus"
	bad -k 5 touch "$T/ran"
	[ ! -e "$T/ran" ]
}

@test "--help: the options, statuses and forms of timeout(1)" {
	run --separate-stderr sigtool timeout --help
	assert_success
	for o in --signal --kill-after --foreground --preserve-status --verbose; do
		assert_output --partial -- "$o"
	done
	assert_line --regexp '^  124 '
	assert_line --regexp '^  125 '
	assert_line --regexp '^  137 '
	refute_line --regexp '^  2 '
	assert_output --partial "1e-3"
	assert_output --partial "PR_SET_PDEATHSIG"
	run sigtool help
	assert_output --partial "timeout"
}

@test "completion: COMMAND after DURATION is completed as a command" {
	run sigtool --complete timeout 5 ''
	assert_success
	assert_line ":command"
	run sigtool --complete timeout -s TE
	assert_line --partial "TERM"
}
