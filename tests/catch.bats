#!/usr/bin/env bats
# catch.bats - `sigtool catch`: the dispositions /proc shows, what each
# caught signal says, EINTR against SA_RESTART, the ends, bad input.

load helpers
load recv-helpers

setup() {
	T=$BATS_TEST_TMPDIR
	me=$(id -u)
	# the bits of the valid signals, 1-31 and 34-64; 32 and 33 are glibc's
	VALID=$((0xfffffffe7fffffff))
}

teardown() {
	reap_started
}

hex() {
	printf '%016x\n' "$1"
}

@test "/proc/PID/status shows exactly the requested SigCgt, SigIgn, SigBlk" {
	under_valgrind && skip "valgrind keeps its own dispositions and mask in /proc/PID/status"
	start catch --handle USR1,TERM,RTMIN+2 --ignore INT,HUP --block USR2,QUIT
	cgt=$((0x$(proc_mask "$pid" SigCgt))) ign=$((0x$(proc_mask "$pid" SigIgn)))
	assert_equal "$(hex $((cgt & VALID)))" "$(mask_of 10 15 $(($(kill -l RTMIN) + 2)))"
	assert_equal "$(hex $((ign & VALID)))" "$(mask_of 1 2)"
	assert_equal "$(proc_mask "$pid" SigBlk)" "$(mask_of 3 12)"
	# the one bit outside the valid signals that sigtool's thread adds:
	# glibc's handler for its internal signal 33 (SIGSETXID)
	assert_equal "$(hex $((cgt & ~VALID & ~(1 << 32))))" 0000000000000000
	assert_equal "$(cat "$T/out")" "pid=$pid caught=USR1,TERM,RTMIN+2 ignored=HUP,INT blocked=QUIT,USR2 mode=restart"
	finish
	assert_equal "$status" 0
}

@test "nothing inherited leaks: ignored INT and QUIT, a blocked USR1 are reset" {
	under_valgrind && skip "valgrind keeps its own dispositions and mask in /proc/PID/status"
	mkfifo "$T/ready" "$T/in"
	( exec "$HELPER" exec -i 2 -i 3 -b 10 -- "$SIGTOOL" catch --handle USR2 --ready-fd 3 \
		<>"$T/in" 3>"$T/ready" >"$T/out" ) &
	bgpid=$!
	read -r pid <"$T/ready"
	assert_equal "$(hex $((0x$(proc_mask "$pid" SigIgn) & VALID)))" 0000000000000000
	assert_equal "$(proc_mask "$pid" SigBlk)" 0000000000000000
	assert_equal "$(hex $((0x$(proc_mask "$pid" SigCgt) & VALID)))" "$(mask_of 12)"
	assert_equal "$(cat "$T/out")" "pid=$pid caught=USR2 ignored=none blocked=none mode=restart"
}

@test "--interrupt: the blocked read() fails with EINTR, and the line says so" {
	start catch --handle USR1 --interrupt
	wait_in_read "$pid"
	kill -USR1 "$pid"
	wait_for_lines "$T/out" 2
	finish
	assert_equal "$status" 0
	assert_line --index 0 "pid=$pid caught=USR1 ignored=none blocked=none mode=interrupt"
	assert_line --index 1 "USR1 code=SI_USER pid=$BASHPID uid=$me read=EINTR"
	[ "${#lines[@]}" -eq 2 ]
}

@test "--restart (the default): the line names the mode, no EINTR" {
	for opt in --restart ""; do
		start catch --handle USR1 $opt
		wait_in_read "$pid"
		kill -USR1 "$pid"
		wait_for_lines "$T/out" 2
		# still in read(): restarted by the kernel
		wait_in_read "$pid"
		finish
		assert_equal "$status" 0
		assert_line --index 0 "pid=$pid caught=USR1 ignored=none blocked=none mode=restart"
		assert_line --index 1 "USR1 code=SI_USER pid=$BASHPID uid=$me read=restart"
	done
}

@test "a signal that comes before any read(): read=none, in either mode" {
	for mode in --interrupt --restart; do
		# USR1 pending on the way in, delivered when catch unblocks it
		run --separate-stderr "$HELPER" exec -b 10 -r 10 -- ${SIGTOOL_WRAPPER:-} \
			"$SIGTOOL" catch --handle USR1 $mode --count 1
		assert_success
		assert_line --index 1 --regexp "^USR1 code=SI_USER pid=[0-9]+ uid=$me read=none\$"
	done
}

@test "sigqueue values in order, and -c N ends after N" {
	start catch --handle RTMIN -c 300
	"$HELPER" burst "$pid" "$(kill -l RTMIN)" 300
	finish
	assert_equal "$status" 0
	assert_equal "$stderr" ""
	run awk 'NR > 1 && ($2 != "code=SI_QUEUE" || $5 != "value=" NR - 2) { print; bad = 1 }
		END { exit bad || NR != 301 }' "$T/out"
	assert_success
}

@test "--exit-on SIG: handled even if not in --handle; its line is the last" {
	start catch --handle USR1 --exit-on TERM --pidfile "$T/pf"
	assert_equal "$(cat "$T/pf")" "$pid"
	kill -USR1 "$pid"
	kill -TERM "$pid"
	finish
	assert_equal "$status" 0
	assert_line --index 0 "pid=$pid caught=USR1,TERM ignored=none blocked=none mode=restart"
	assert_line --index 1 --regexp "^USR1 code=SI_USER pid=$BASHPID uid=$me read=(restart|none)\$"
	assert_line --index 2 --regexp "^TERM code=SI_USER pid=$BASHPID uid=$me read=(restart|none)\$"
	[ "${#lines[@]}" -eq 3 ]
	[ ! -e "$T/pf" ]
}

@test "end of file ends it, status 0" {
	run --separate-stderr sigtool catch --handle USR1 </dev/null
	assert_success
	assert_output --regexp '^pid=[0-9]+ caught=USR1 ignored=none blocked=none mode=restart$'
	assert_equal "$stderr" ""
	run --separate-stderr bash -c 'printf "a\nb\n" | "$SIGTOOL" catch'
	assert_success
	assert_output --regexp '^pid=[0-9]+ caught=none ignored=none blocked=none mode=restart$'
}

@test "a standard input that cannot be read: status 1, a message" {
	run --separate-stderr bash -c '"$SIGTOOL" catch --handle USR1 <&-'
	assert_failure 1
	assert_equal "$stderr" "sigtool: catch: cannot read standard input: Bad file descriptor"
	assert_output --regexp '^pid=[0-9]+ caught=USR1 '
	run --separate-stderr bash -c '"$SIGTOOL" catch <"$1"' _ "$T"
	assert_failure 1
	assert_equal "$stderr" "sigtool: catch: cannot read standard input: Is a directory"
}

@test "signals outside --handle: ignored ones do nothing, others their default" {
	start catch --handle USR1 --ignore INT
	kill -INT "$pid"
	kill -0 "$pid"
	kill -TERM "$pid"
	finish
	assert_equal "$status" 143
	assert_equal "${#lines[@]}" 1
}

@test "a handled signal that is blocked stays pending, unreported" {
	under_valgrind && skip "valgrind takes pending signals into its own queue"
	start catch --handle USR2 --block USR2
	kill -USR2 "$pid"
	assert_equal "$(proc_mask "$pid" ShdPnd)" "$(mask_of 12)"
	finish
	assert_equal "$status" 0
	assert_equal "${#lines[@]}" 1
}

@test "--json: the first line describes every signal, then one object per signal" {
	command -v jq >/dev/null || skip "jq is not installed"
	start catch --json --handle USR1 --ignore INT --block USR2 --interrupt
	wait_in_read "$pid"
	kill -USR1 "$pid"
	wait_for_lines "$T/out" 2
	finish
	assert_equal "$status" 0
	local event=${lines[1]}
	run jq -c '[.pid, .mode, (.signals | length),
		(.signals[] | select(.name == "USR1" or .name == "INT" or .name == "USR2" or .name == "KILL"))]' \
		<<<"${lines[0]}"
	assert_output "[$pid,\"interrupt\",62,{\"signo\":2,\"name\":\"INT\",\"disposition\":\"ignored\",\"blocked\":false},{\"signo\":9,\"name\":\"KILL\",\"disposition\":\"default\",\"blocked\":false},{\"signo\":10,\"name\":\"USR1\",\"disposition\":\"caught\",\"blocked\":false},{\"signo\":12,\"name\":\"USR2\",\"disposition\":\"default\",\"blocked\":true}]"
	assert_equal "$event" "{\"signo\":10,\"name\":\"USR1\",\"code\":\"SI_USER\",\"pid\":$BASHPID,\"uid\":$me,\"value\":null,\"status\":null,\"read\":\"EINTR\"}"
}

@test "forged siginfo from another process (INT_MIN, -1, random codes): well-formed lines" {
	local r1=$(($(kill -l RTMIN) + 1))
	"$FORGE" list 200 16 >"$T/list"
	start catch --handle RTMIN+1 -c 200
	"$FORGE" send "$pid" "$r1" 200 16
	finish
	assert_equal "$status" 0
	assert_equal "$stderr" ""
	tail -n +2 "$T/out" >"$T/sigs"
	run check_forged_text "$T/sigs" "$T/list" 'RTMIN\\+1' ' read=(EINTR|restart|none)'
	assert_success
	command -v jq >/dev/null || return 0
	start catch --json --handle RTMIN+1 -c 200
	"$FORGE" send "$pid" "$r1" 200 16
	finish
	assert_equal "$status" 0
	tail -n +2 "$T/out" >"$T/sigs"
	run check_forged_json "$T/sigs" "$T/list" "$r1"
	assert_success
}

@test "forged siginfo with any code, INT_MAX and 0 too (pending from the sender itself)" {
	local r1=$(($(kill -l RTMIN) + 1))
	"$FORGE" list 200 18 self >"$T/list"
	mkfifo "$T/in"
	for json in "" --json; do
		run --separate-stderr "$FORGE" exec "$r1" 200 18 -- ${SIGTOOL_WRAPPER:-} \
			"$SIGTOOL" catch $json --handle RTMIN+1 -c 200 <>"$T/in"
		assert_success
		printf '%s\n' "$output" | tail -n +2 >"$T/sigs"
		if [ -z "$json" ]; then
			run check_forged_text "$T/sigs" "$T/list" 'RTMIN\\+1' ' read=(EINTR|restart|none)'
		elif command -v jq >/dev/null; then
			run check_forged_json "$T/sigs" "$T/list" "$r1"
		fi
		assert_success
	done
}

@test "a burst too big for the self-pipe: every signal is reported or counted" {
	under_valgrind && skip "valgrind holds pending signals itself: /proc cannot say when all are handled"
	local n=20000 rt dropped
	rt=$(kill -l RTMIN)
	# stdout is a FIFO nobody reads yet: the reporting thread stalls, the
	# self-pipe fills, and the handlers must drop records and count them
	mkfifo "$T/slow" "$T/ready" "$T/in"
	( exec "$SIGTOOL" catch --handle RTMIN,RTMIN+1 --ready-fd 3 \
		<"$T/in" >"$T/slow" 3>"$T/ready" 2>"$T/err" ) &
	bgpid=$!
	exec 7>"$T/in" 8<"$T/slow"
	read -r pid <"$T/ready"
	"$HELPER" burst "$pid" "$rt" "$n"
	# a higher signal is delivered after every lower one: once nothing is
	# pending, every handler has run
	"$HELPER" queue "$pid" $((rt + 1)) 0
	for ((i = 0; i < 1000; i++)); do
		[ "$(proc_mask "$pid" ShdPnd)" = 0000000000000000 ] && break
		sleep 0.01
	done
	assert_equal "$(proc_mask "$pid" ShdPnd)" 0000000000000000
	cat <&8 >"$T/out" 7>&- &
	exec 8<&-
	finish
	wait
	assert_equal "$status" 0
	dropped=$(sed -n 's/^sigtool: catch: \([0-9]*\) signals found the self-pipe full and were not reported$/\1/p' <<<"$stderr")
	[ -n "$dropped" ] && [ "$dropped" -gt 0 ] || fail "no drop reported: $stderr; ${#lines[@]} lines"
	assert_equal $((${#lines[@]} - 1 + dropped)) $((n + 1))
	# those reported are in order
	run awk 'NR > 1 && $1 == "RTMIN" { v = substr($5, 7) + 0; if (NR > 2 && v <= last) { print; exit 1 } last = v }' "$T/out"
	assert_success
}

# ---- bad input ----------------------------------------------------------------

bad() {
	local msg=${!#}
	run --separate-stderr sigtool catch "${@:1:$#-1}"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "sigtool: catch: $msg
Try 'sigtool catch --help' for more information."
}

@test "bad input: signals that cannot be caught, conflicts, counts, operands" {
	bad --handle KILL "--handle: signal 'KILL' cannot be blocked, caught or ignored"
	bad --ignore stop "--ignore: signal 'stop' cannot be blocked, caught or ignored"
	bad --block USR1,FOO "--block: unknown signal 'FOO'"
	bad --handle USR1 --ignore usr1 "USR1 cannot be both handled and ignored"
	bad --handle all --ignore INT "INT cannot be both handled and ignored"
	bad --restart --interrupt "--restart and --interrupt cannot be used together"
	bad --exit-on KILL "--exit-on: signal 'KILL' cannot be caught"
	bad --exit-on FOO "--exit-on: unknown signal 'FOO'"
	bad --exit-on INT --ignore INT "--exit-on INT: it is ignored (--ignore)"
	bad --exit-on HUP --block HUP "--exit-on HUP: it is blocked (--block), it would never arrive"
	bad -c 0 "--count: count '0' is out of range (1 to 9223372036854775807)"
	bad --count x "--count: invalid count 'x'"
	bad USR1 "extra operand 'USR1'"
	bad --ready-fd 9 "--ready-fd: file descriptor 9 is not open"
}

@test "bad input: an unknown signal names the option it was given to" {
	bad --handle FOO "--handle: unknown signal 'FOO'"
	bad --handle USR1,FOO --ignore INT "--handle: unknown signal 'FOO'"
}

@test "an unwritable pidfile: status 1" {
	run --separate-stderr sigtool catch --pidfile "$T/no/pf" </dev/null
	assert_failure 1
	assert_equal "$stderr" "sigtool: catch: cannot write pidfile '$T/no/pf': No such file or directory"
}
