#!/usr/bin/env bats
# pause.bats - `sigtool pause`: sleep until any signal, print its name.

load helpers
load recv-helpers

setup() {
	T=$BATS_TEST_TMPDIR
}

teardown() {
	reap_started
}

@test "the first signal ends the pause: its name, status 0" {
	start pause
	kill -USR1 "$pid"
	finish
	assert_equal "$status" 0
	assert_equal "$output" "USR1"
	assert_equal "$stderr" ""
}

@test "TERM and INT are printed, not obeyed; so is a real-time signal" {
	for sig in TERM INT HUP; do
		start pause
		kill -"$sig" "$pid"
		finish
		assert_equal "$status" 0
		assert_equal "$output" "$sig"
	done
	start pause
	"$HELPER" queue "$pid" "$(kill -l RTMAX)" 1
	finish
	assert_equal "$output" "RTMAX"
}

@test "a signal ignored on the way in still ends the pause" {
	mkfifo "$T/ready"
	( exec "$HELPER" exec -i 2 -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" pause --ready-fd 3 3>"$T/ready" >"$T/out" ) &
	bgpid=$!
	read -r pid <"$T/ready"
	kill -INT "$pid"
	wait "$bgpid"
	bgpid=
	assert_equal "$(cat "$T/out")" "INT"
}

@test "KILL still kills" {
	start pause
	kill -KILL "$pid"
	finish
	assert_equal "$status" 137
	assert_equal "$output" ""
}

@test "--pidfile: written once ready, removed at the end" {
	spawn pause --pidfile "$T/pf" >"$T/out"
	bgpid=$!
	wait_for_file "$T/pf"
	assert_equal "$(cat "$T/pf")" "$bgpid"
	kill -WINCH "$bgpid"
	wait "$bgpid"
	bgpid=
	assert_equal "$(cat "$T/out")" "WINCH"
	[ ! -e "$T/pf" ]
}

@test "the running pause blocks every signal but KILL and STOP, and catches none" {
	under_valgrind && skip "valgrind keeps its own mask in /proc/PID/status"
	no_sanitizer_handlers
	start pause
	# valid signals: 1-31 and 34-64 (bits 0-30, 33-63); not KILL (9), STOP (19)
	assert_equal "$(proc_mask "$pid" SigBlk)" "fffffffe7ffbfeff"
	assert_equal "$(proc_mask "$pid" SigCgt)" "0000000000000000"
	kill -USR2 "$pid"
	finish
	assert_equal "$output" "USR2"
}

@test "is 'wait --any --format name'" {
	start wait --any --format name
	kill -URG "$pid"
	finish
	assert_equal "$output" "URG"
}

@test "bad input: an operand, a bad --ready-fd, an unwritable pidfile" {
	run --separate-stderr sigtool pause USR1
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "sigtool: pause: extra operand 'USR1'
Try 'sigtool pause --help' for more information."
	run --separate-stderr sigtool pause --ready-fd 9
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: pause: --ready-fd: file descriptor 9 is not open"
	run --separate-stderr sigtool pause --timeout 1
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: pause: unrecognized option '--timeout'"
	run --separate-stderr sigtool pause --pidfile "$T/no/pf"
	assert_failure 1
	assert_equal "$stderr" "sigtool: pause: cannot write pidfile '$T/no/pf': No such file or directory"
}
