#!/usr/bin/env bats
# demo.bats - `sigtool demo`: each lesson with --json, every observation
# checked against what the kernel must show, and nothing of a lesson left
# running after it, also when it is interrupted.

bats_require_minimum_version 1.5.0
load helpers

setup() {
	T=$BATS_TEST_TMPDIR
	valgrind_logs
	started=()
}

teardown() {
	kill_children "${started[@]}"
	valgrind_clean
}

# field STEP FILTER: jq FILTER on the object of step STEP of $output.
field() {
	jq -c --argjson n "$1" "select(.step == \$n) | $2" <<<"$output"
}

# The process group PGID has no process left: kill(2) says so, and no
# /proc/PID/stat names it (a zombie would).
group_gone() {
	! kill -0 -- "-$1" 2>/dev/null || { echo "group $1 still has processes" >&2; return 1; }
	local left
	left=$(awk -v g="$1" '{ sub(/.*\) /, ""); if ($3 == g) print FILENAME }' /proc/[0-9]*/stat 2>/dev/null || true)
	[ -z "$left" ] || { echo "left in group $1: $left" >&2; return 1; }
}

# lesson NAME: run it with --json; status 0, one object per step, one
# process group for all of them, gone afterwards.
lesson() {
	run --separate-stderr sigtool demo "$1" --json
	assert_equal "$status" 0
	assert_equal "$stderr" ""
	local steps pgids
	steps=$(jq -s 'length' <<<"$output")
	assert_equal "$steps" "$(jq -s '.[0].steps' <<<"$output")"
	assert_equal "$(jq -s '[.[].step]' <<<"$output" | jq -c .)" "$(jq -nc "[range(1; $steps + 1)]")"
	assert_equal "$(jq -s '[.[].lesson] | unique' <<<"$output" | jq -c .)" "[\"$1\"]"
	pgids=$(jq -s '[.[].pgid] | unique | length' <<<"$output")
	assert_equal "$pgids" 1
	pgid=$(jq -s '.[0].pgid' <<<"$output")
	[ "$pgid" -gt 1 ]
	group_gone "$pgid"
}

# ---------------------------------------------------------------- the list

@test "no LESSON, or --list: every lesson, one a line" {
	run --separate-stderr sigtool demo
	assert_success
	assert_equal "$stderr" ""
	list=$output
	run sigtool demo --list
	assert_success
	assert_equal "$output" "$list"
	assert_equal "$(cut -d' ' -f1 <<<"$list" | tr '\n' ' ')" \
		"alarm pipe wakeup coalesce mask restart inherit chld init "
	run sigtool demo --list --json
	assert_success
	assert_equal "$(jq -c '[.[].name]' <<<"$output")" \
		'["alarm","pipe","wakeup","coalesce","mask","restart","inherit","chld","init"]'
	assert_equal "$(jq -c '[.[] | select(.needs_root) | .name]' <<<"$output")" '["init"]'
	assert_equal "$(jq '[.[].steps | select(. > 0)] | length' <<<"$output")" 9
}

@test "an unknown lesson: status 2, the word named and the lessons suggested" {
	run --separate-stderr sigtool demo alram
	assert_equal "$status" 2
	assert_equal "$output" ""
	[[ $stderr == *"'alram'"* ]]
	[[ $stderr == *"alarm, pipe, wakeup, coalesce, mask, restart, inherit, chld"*"init"* ]]
	run --separate-stderr sigtool demo ''
	assert_equal "$status" 2
	assert_equal "$output" ""
}

@test "bad input: extra operands, --list with a lesson, --step alone, a bad option" {
	run --separate-stderr sigtool demo alarm pipe
	assert_equal "$status" 2
	assert_equal "$output" ""
	[[ $stderr == *"'pipe'"* ]]
	run --separate-stderr sigtool demo --list alarm
	assert_equal "$status" 2
	assert_equal "$output" ""
	run --separate-stderr sigtool demo --step
	assert_equal "$status" 2
	assert_equal "$output" ""
	run --separate-stderr sigtool demo alarm --stpe
	assert_equal "$status" 2
	assert_equal "$output" ""
	[[ $stderr == *"--stpe"* ]]
}

# ---------------------------------------------------------------- the lessons

@test "alarm: open() fails with EINTR after the timer, then ALRM's default: 142" {
	lesson alarm
	assert_equal "$(field 1 .open_result)" -1
	assert_equal "$(field 1 .errno)" '"EINTR"'
	assert_equal "$(field 1 '.signal | [.name, .code]')" '["ALRM","SI_KERNEL"]'
	assert_equal "$(field 1 '.exit | [.code, .status]')" '["CLD_EXITED",0]'
	# a timer never fires early: open() waited at least the 0.2 s
	[ "$(field 1 '.elapsed_ms >= 200')" = true ]
	assert_equal "$(field 2 '.exit | [.code, .status, .shell_status]')" '["CLD_KILLED",14,142]'
	[ "$(field 2 '.elapsed_ms >= 200')" = true ]
}

@test "pipe: the writer dies with 141, or gets EPIPE with PIPE ignored; ignored survives exec, a handler does not" {
	lesson pipe
	assert_equal "$(field 1 '.reader_exit | [.code, .status]')" '["CLD_EXITED",0]'
	assert_equal "$(field 1 '.writer_exit | [.code, .status, .shell_status]')" '["CLD_KILLED",13,141]'
	assert_equal "$(field 2 .write_result)" -1
	assert_equal "$(field 2 .errno)" '"EPIPE"'
	assert_equal "$(field 2 '.writer_exit | [.code, .shell_status]')" '["CLD_EXITED",0]'
	assert_equal "$(field 3 '[.ignored_before, .ignored_after, .caught_before, .caught_after]')" \
		'["ignored","ignored","caught","default"]'
}

@test "wakeup: woken at once through the self-pipe; a flag-only server is never woken" {
	lesson wakeup
	assert_equal "$(field 1 '[.flag_at_check, .poll_result, .woken]')" '[false,1,true]'
	assert_equal "$(field 1 .from_pipe)" '["USR1"]'
	[ "$(field 1 '.waited_ms < 300')" = true ]
	assert_equal "$(field 2 '[.flag_at_check, .flag_after, .poll_result, .woken]')" '[false,true,0,false]'
	[ "$(field 2 '.waited_ms >= 300')" = true ]
}

@test "coalesce: USR1 sent three times is delivered once; RTMIN three times with 1, 2, 3" {
	lesson coalesce
	assert_equal "$(field 1 .pending)" '["USR1"]'
	assert_equal "$(field 1 .blocked)" '["USR1","RTMIN"]'
	assert_equal "$(field 2 .pending)" '["USR1","RTMIN"]'
	assert_equal "$(field 3 .usr1_deliveries)" 1
	assert_equal "$(field 3 .rt_values)" '[1,2,3]'
	assert_equal "$(field 3 '[.deliveries[] | [.name, .code, .value]]')" \
		'[["USR1","SI_USER",null],["RTMIN","SI_QUEUE",1],["RTMIN","SI_QUEUE",2],["RTMIN","SI_QUEUE",3]]'
	assert_equal "$(field 3 '[.deliveries[].uid] | unique')" "[$(id -u)]"
	assert_equal "$(field 3 .pending)" '[]'
}

@test "mask: blocked, then pending, then delivered; KILL and STOP cannot be blocked" {
	# not under valgrind: the lesson's children, forks of sigtool, would be
	# valgrind too, which catches every signal itself
	SIGTOOL_WRAPPER= lesson mask
	assert_equal "$(field 1 '[.caught, .blocked, .pending]')" '[["USR1"],["USR1"],[]]'
	assert_equal "$(field 2 '[.blocked, .pending, .handled]')" '[["USR1"],["USR1"],0]'
	assert_equal "$(field 3 '.delivered | [.name, .code]')" '["USR1","SI_USER"]'
	assert_equal "$(field 3 '[.blocked, .pending]')" '[[],[]]'
	assert_equal "$(field 4 '[.not_blocked, .kill_blocked, .stop_blocked]')" '[["KILL","STOP"],false,false]'
	assert_equal "$(field 5 .state_after_stop)" '"T"'
	assert_equal "$(field 5 '.exit | [.code, .status, .shell_status]')" '["CLD_KILLED",9,137]'
}

@test "restart: read() restarted with SA_RESTART, EINTR without" {
	lesson restart
	assert_equal "$(field 1 '.signal | [.name, .code]')" '["USR1","SI_USER"]'
	assert_equal "$(field 1 '[.read_result, .errno]')" '[1,null]'
	assert_equal "$(field 2 '.signal.name')" '"USR1"'
	assert_equal "$(field 2 '[.read_result, .errno]')" '[-1,"EINTR"]'
}

@test "inherit: fork keeps dispositions and mask, not pending; exec keeps ignored, blocked and pending, not handlers" {
	SIGTOOL_WRAPPER= lesson inherit        # as for mask
	assert_equal "$(field 1 '[.ignored, .caught, .blocked, .pending]')" '[["HUP"],["USR1"],["USR2"],["USR2"]]'
	assert_equal "$(field 2 '[.ignored, .caught, .blocked, .pending]')" '[["HUP"],["USR1"],["USR2"],[]]'
	assert_equal "$(field 3 '[.ignored, .caught, .blocked, .pending, .usr1]')" '[["HUP"],[],["USR2"],[],"default"]'
	assert_equal "$(field 4 '[.ignored, .caught, .blocked, .pending]')" '[["HUP"],[],["USR2"],["USR2"]]'
}

@test "chld: CLD_EXITED with the status, a zombie until reaped; CHLD ignored: the kernel reaps" {
	lesson chld
	assert_equal "$(field 1 '.signal | [.name, .code, .status]')" '["CHLD","CLD_EXITED",3]'
	assert_equal "$(field 1 '.signal.pid == .pid')" true
	assert_equal "$(field 1 .state)" '"Z"'
	assert_equal "$(field 2 '.exit | [.code, .status, .shell_status]')" '["CLD_EXITED",3,3]'
	assert_equal "$(field 2 .exists)" false
	assert_equal "$(field 3 '[.wait_result, .wait_errno, .exists]')" '[-1,"ECHILD",false]'
}

@test "init: PID 1 of a new PID namespace drops TERM, not KILL" {
	[ "$(id -u)" = 0 ] || skip "init makes a PID namespace: needs root"
	unshare -pf true 2>/dev/null || skip "this machine refuses PID namespaces"
	# not under valgrind: its child, PID 1 of the namespace, catches every
	# signal itself and cannot die of one at its default action, as it then
	# tries to (valgrind aborts: "signal was supposed to be fatal")
	SIGTOOL_WRAPPER= lesson init
	assert_equal "$(field 1 .getpid)" 1
	assert_equal "$(field 1 '[.nspid[0] == .pid, .nspid[-1]]')" '[true,1]'
	assert_equal "$(field 1 .term)" '"default"'
	[[ $(field 1 '.notes[0]') == *"PID namespace"* ]]
	# TERM dropped: still running its own code (the USR2 handler, which
	# sees the sender from outside its namespace as PID 0), nothing pending
	assert_equal "$(field 2 '.probe | [.name, .pid]')" '["USR2",0]'
	[ "$(field 2 .state)" != '"Z"' ]
	assert_equal "$(field 2 .pending)" '[]'
	assert_equal "$(field 3 '.exit | [.code, .status, .shell_status]')" '["CLD_KILLED",9,137]'
}

@test "init without the privilege to make a PID namespace: status 1 and why" {
	[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null || skip "needs root and setpriv"
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$SIGTOOL" \
		|| skip "the user nobody cannot run $SIGTOOL"
	for json in "" --json; do
		# (not under valgrind, whose log nobody may not write)
		run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
			--inh-caps=-all --bounding-set=-all "$SIGTOOL" demo init $json
		assert_equal "$status" 1
		assert_equal "$output" ""
		[[ $stderr == *"cannot make a PID namespace"*"root"* ]]
	done
}

# ---------------------------------------------------------------- text, --step

@test "text: each step told, the commands, and what the kernel showed" {
	run --separate-stderr sigtool demo chld
	assert_success
	[[ ${lines[0]} == "Lesson chld: "* ]]
	[[ $output == *"Step 1 of 3. "*"  \$ sigtool wait CHLD -- sh -c 'exit 3'"* ]]
	[[ $output == *"CHLD code=CLD_EXITED pid="*" status=3"* ]]
	[[ $output == *"Z (zombie)"* ]]
	[[ $output == *"exited with status 3 (\$? = 3)"* ]]
	[[ $output == *"ECHILD (No child processes)"* ]]
	[[ $output == *"Step 3 of 3. "* ]]
}

@test "--step: a line before each step; at the end of input the rest runs through" {
	mkfifo "$T/in"
	( exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" demo restart --step --json <"$T/in" >"$T/out" 2>"$T/err" ) &
	started+=($!)
	exec {w}>"$T/in"
	# nothing runs before the first line
	sleep 0.2
	assert_equal "$(wc -c <"$T/out")" 0
	echo >&"$w"
	wait_for_file "$T/out"
	exec {w}>&-
	wait "${started[0]}"
	assert_equal "$(jq -s 'length' "$T/out")" 2
	assert_equal "$(jq -s -c '[.[].errno]' "$T/out")" '[null,"EINTR"]'
	run sigtool demo restart --step </dev/null
	assert_success
	[[ $output == *"Step 2 of 2. "* ]]
}

# lesson_interrupted SIG: a lesson stopped by SIG at its second step: sigtool
# dies of SIG, and every process of the lesson is gone.
lesson_interrupted() {
	mkfifo "$T/in"
	# started from a script, sigtool would inherit INT ignored (as every
	# background job does); a terminal's Ctrl-C finds it at its default
	( exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" mask --default INT -- "$SIGTOOL" demo mask --step --json \
		<"$T/in" >"$T/out" 2>"$T/err" ) &
	pid=$!
	started+=("$pid")
	exec {w}>"$T/in"
	echo >&"$w"
	wait_for_file "$T/out"
	# step 1 done, waiting for the line of step 2: the child blocks USR1
	pgid=$(jq .pgid "$T/out")
	kids=$(pgrep -g "$pgid" | wc -l)
	[ "$kids" -ge 2 ]
	kill -"$1" "$pid"
	status=0
	wait "$pid" || status=$?
	exec {w}>&-
	assert_equal "$status" $((128 + $(kill -l "$1")))
	group_gone "$pgid"
	assert_equal "$(jq -s 'length' "$T/out")" 1
}

@test "INT mid-lesson: the lesson's processes are killed and reaped, sigtool dies of INT" {
	lesson_interrupted INT
}

@test "TERM mid-lesson: the same" {
	lesson_interrupted TERM
}

@test "a reader that stops early ends the lesson quietly; a full disk is an error" {
	run --separate-stderr bash -c 'set -o pipefail; "$0" demo mask --json | head -1' "$SIGTOOL"
	assert_success
	assert_equal "$stderr" ""
	group_gone "$(jq .pgid <<<"$output")"
	run --separate-stderr bash -c '"$0" demo mask >/dev/full' "$SIGTOOL"
	assert_equal "$status" 1
	[[ $stderr == *"write error"* ]]
}
