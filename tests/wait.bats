#!/usr/bin/env bats
# wait.bats - `sigtool wait`: what a received signal says (sender, code,
# value, status), --count, --timeout, --stream, readiness without a race,
# -- COMMAND, and bad input. Every process signalled here was started here.

load helpers
load recv-helpers

setup() {
	T=$BATS_TEST_TMPDIR
	USR1=$(kill -l USR1) USR2=$(kill -l USR2) RTMIN=$(kill -l RTMIN)
	me=$(id -u)
}

teardown() {
	reap_started
}

# ---- what a signal says -----------------------------------------------------

@test "kill(2) from bash: code SI_USER, the sender's pid and uid" {
	start wait USR1
	kill -USR1 "$pid"
	finish
	assert_equal "$status" 0
	assert_equal "$output" "USR1 code=SI_USER pid=$BASHPID uid=$me"
	assert_equal "$stderr" ""
}

@test "procps kill -q: code SI_QUEUE with the value" {
	start wait USR2
	sh -c 'echo $$ >"$1"; exec /usr/bin/kill -q 42 -s USR2 "$2"' _ "$T/sender" "$pid"
	finish
	assert_equal "$status" 0
	assert_equal "$output" "USR2 code=SI_QUEUE pid=$(cat "$T/sender") uid=$me value=42"
}

@test "sigqueue of a negative value, and tgkill: SI_QUEUE value=-7, SI_TKILL" {
	start wait TERM,RTMIN+3 --count 2
	sh -c 'echo $$ >"$1"; exec "$2" queue "$3" "$4" -7' _ "$T/q" "$HELPER" "$pid" $((RTMIN + 3))
	sh -c 'echo $$ >"$1"; exec "$2" tkill "$3" 15' _ "$T/t" "$HELPER" "$pid"
	finish
	assert_equal "$status" 0
	# in either order: when both are pending the kernel gives TERM first
	assert_equal "${#lines[@]}" 2
	assert_line "RTMIN+3 code=SI_QUEUE pid=$(cat "$T/q") uid=$me value=-7"
	assert_line "TERM code=SI_TKILL pid=$(cat "$T/t") uid=$me"
}

@test "a timer's SIGALRM from the kernel: code SI_KERNEL, no sender" {
	# the helper leaves an interval timer's ALRM pending, then runs sigtool
	run --separate-stderr "$HELPER" exec -a -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait ALRM
	assert_success
	assert_output "ALRM code=SI_KERNEL"
}

@test "CHLD from COMMAND: CLD_EXITED with its pid and exit status, or CLD_KILLED" {
	run --separate-stderr sigtool wait CHLD -- sh -c 'echo $$ >"$1"; exit 3' _ "$T/c"
	assert_success
	assert_output "CHLD code=CLD_EXITED pid=$(cat "$T/c") uid=$me status=3"
	run --separate-stderr sigtool wait CHLD -- sh -c 'echo $$ >"$1"; kill -TERM $$' _ "$T/c"
	assert_success
	assert_output "CHLD code=CLD_KILLED pid=$(cat "$T/c") uid=$me status=15"
}

@test "--json: one object per line with every field, null where none applies" {
	command -v jq >/dev/null || skip "jq is not installed"
	mkfifo "$T/go"
	start wait --json USR1,CHLD --count 2 -- sh -c 'echo $$ >"$1"; read x <"$2"; exit 4' _ "$T/c" "$T/go"
	kill -USR1 "$pid"
	echo go >"$T/go"
	finish
	assert_equal "$status" 0
	assert_line --index 0 "{\"signo\":10,\"name\":\"USR1\",\"code\":\"SI_USER\",\"pid\":$BASHPID,\"uid\":$me,\"value\":null,\"status\":null}"
	assert_line --index 1 "{\"signo\":17,\"name\":\"CHLD\",\"code\":\"CLD_EXITED\",\"pid\":$(cat "$T/c"),\"uid\":$me,\"value\":null,\"status\":4}"
	run jq -c -s 'map(keys_unsorted) | unique' <<<"$output"
	assert_output '[["signo","name","code","pid","uid","value","status"]]'
}

@test "--format name and number" {
	start wait --format name RTMAX-1
	"$HELPER" queue "$pid" "$(kill -l RTMAX-1)" 5
	finish
	assert_equal "$output" "RTMAX-1"
	start wait --format=number USR1
	kill -USR1 "$pid"
	finish
	assert_equal "$output" "$USR1"
}

# ---- hostile senders: forged siginfo ------------------------------------------

# rt_sigqueueinfo lets any process that may signal sigtool choose the code,
# pid, uid and value it reads: every value must print a well-formed line.
@test "forged siginfo from another process (INT_MIN, -1, random codes): well-formed lines" {
	R1=$((RTMIN + 1))
	"$FORGE" list 300 16 >"$T/list"
	start wait RTMIN+1 --count 300
	"$FORGE" send "$pid" "$R1" 300 16
	finish
	assert_equal "$status" 0
	assert_equal "$stderr" ""
	run check_forged_text "$T/out" "$T/list" 'RTMIN\\+1'
	assert_success
	grep -qx 'RTMIN+1 code=-2147483648 pid=-2147483648 uid=[0-9]* value=-2147483648' "$T/out"
}

@test "forged siginfo, --json: one well-formed object per signal" {
	command -v jq >/dev/null || skip "jq is not installed"
	R1=$((RTMIN + 1))
	"$FORGE" list 300 17 >"$T/list"
	start wait RTMIN+1 --count 300 --json
	"$FORGE" send "$pid" "$R1" 300 17
	finish
	assert_equal "$status" 0
	run check_forged_json "$T/out" "$T/list" "$R1"
	assert_success
}

@test "forged siginfo with any code, INT_MAX and 0 too (pending from the sender itself)" {
	R1=$((RTMIN + 1))
	"$FORGE" list 300 18 self >"$T/list"
	grep -q '^2147483647 ' "$T/list"
	run --separate-stderr "$FORGE" exec "$R1" 300 18 -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait RTMIN+1 --count 300
	assert_success
	printf '%s\n' "$output" >"$T/out"
	run check_forged_text "$T/out" "$T/list" 'RTMIN\\+1'
	assert_success
	command -v jq >/dev/null || return 0
	run --separate-stderr "$FORGE" exec "$R1" 300 18 -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait RTMIN+1 --count 300 --json
	assert_success
	printf '%s\n' "$output" >"$T/out"
	run check_forged_json "$T/out" "$T/list" "$R1"
	assert_success
}

# ---- count, timeout, stream -------------------------------------------------

@test "--count N takes N of more pending signals, in order" {
	# three queued to itself, blocked, before sigtool starts
	run --separate-stderr "$HELPER" exec -b "$RTMIN" -q "$RTMIN" -q "$RTMIN" -q "$RTMIN" -- \
		${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait RTMIN --count 2
	assert_success
	assert_equal "$(cut -d' ' -f5 <<<"$output")" "$(printf 'value=1\nvalue=2')"
	run --separate-stderr "$HELPER" exec -b "$RTMIN" -q "$RTMIN" -q "$RTMIN" -q "$RTMIN" -- \
		${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait RTMIN --count 3 --format number
	assert_output "$(printf '%s\n' "$RTMIN" "$RTMIN" "$RTMIN")"
}

@test "--timeout: status 124 and nothing printed; what came before is printed" {
	run --separate-stderr sigtool wait USR1 --timeout 50ms
	assert_failure 124
	assert_output ""
	assert_equal "$stderr" ""
	run --separate-stderr sigtool wait USR1 --timeout 0
	assert_failure 124
	# one of two signals, then the time limit
	start wait RTMIN --count 2 --timeout 0.3
	"$HELPER" queue "$pid" "$RTMIN" 9
	finish
	assert_equal "$status" 124
	assert_equal "$output" "RTMIN code=SI_QUEUE pid=${output##*pid=}"
	assert_output --partial "value=9"
}

@test "--timeout counts time spent stopped: STOP past the limit, CONT, 124 at once" {
	start wait USR1 --timeout 2
	stop_in_poll "$pid" 3
	finish
	elapsed=$((($(date +%s%N) - cont_ns) / 1000000))
	assert_equal "$status" 124
	assert_equal "$output" ""
	[ "$elapsed" -lt 1000 ] || fail "ended $elapsed ms after CONT, not at once"
}

@test "--timeout 0 takes a signal that is already pending" {
	run --separate-stderr "$HELPER" exec -a -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait --timeout 0 ALRM
	assert_success
	assert_output "ALRM code=SI_KERNEL"
}

@test "--stream: each signal is written and flushed as it comes" {
	mkfifo "$T/outfifo" "$T/ready"
	( exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait --stream --count 2 --ready-fd 3 USR1 \
		>"$T/outfifo" 3>"$T/ready" ) &
	bgpid=$!
	exec 5<"$T/outfifo"
	read -r pid <"$T/ready"
	kill -USR1 "$pid"
	# the first line arrives while sigtool still runs, waiting for the second
	read -r -t 20 line1 <&5
	assert_equal "$line1" "USR1 code=SI_USER pid=$BASHPID uid=$me"
	kill -0 "$pid"
	kill -USR1 "$pid"
	read -r -t 20 line2 <&5
	assert_equal "$line2" "$line1"
	wait "$bgpid"
	bgpid=
	exec 5<&-
}

@test "stdout a terminal: each signal is flushed as it comes, without --stream" {
	command -v script >/dev/null || skip "script (util-linux) is not installed"
	mkfifo "$T/outfifo" "$T/ready"
	# script gives sigtool a pseudo-terminal and copies what it writes
	( exec script -qfec "exec ${SIGTOOL_WRAPPER:-} \"$SIGTOOL\" wait USR1 --count 2 --ready-fd 3 3>\"$T/ready\"" \
		/dev/null </dev/null >"$T/outfifo" ) &
	bgpid=$!
	exec 5<"$T/outfifo"
	read -r pid <"$T/ready"
	kill -USR1 "$pid"
	read -r -t 20 line1 <&5
	assert_equal "$line1" "USR1 code=SI_USER pid=$BASHPID uid=$me"$'\r'
	kill -USR1 "$pid"
	read -r -t 20 line2 <&5
	assert_equal "$line2" "$line1"
	wait "$bgpid"
	bgpid=
	exec 5<&-
}

@test "--stream with no --count ends on a signal outside the set, lines already out" {
	start wait --stream USR1,USR2
	kill -USR1 "$pid"
	wait_for_file "$T/out"
	kill -TERM "$pid"
	finish
	assert_equal "$status" 143
	assert_equal "$output" "USR1 code=SI_USER pid=$BASHPID uid=$me"
}

@test "100000 queued values arrive all, in order" {
	start wait RTMIN --count 100000
	"$HELPER" burst "$pid" "$RTMIN" 100000
	finish
	assert_equal "$status" 0
	assert_equal "$stderr" ""
	run awk -v want=100000 '
		$1 != "RTMIN" || $2 != "code=SI_QUEUE" || $5 != "value=" NR - 1 { print "line " NR ": " $0; exit 1 }
		END { if (NR != want) { print NR " lines"; exit 1 } }' "$T/out"
	assert_success
}

# ---- readiness --------------------------------------------------------------

@test "--pidfile: 200 starts in a row, the signal sent as soon as the file exists, none lost" {
	local n=200 i p
	# under valgrind each start takes a second: fewer rounds
	under_valgrind && n=25
	for ((i = 0; i < n; i++)); do
		rm -f "$T/pf"
		spawn wait USR1 --pidfile "$T/pf" >"$T/out"
		bgpid=$!
		wait_for_file "$T/pf"
		p=$(cat "$T/pf")
		[ "$p" = "$bgpid" ] || fail "round $i: pidfile says '$p', started $bgpid"
		kill -USR1 "$p"
		wait "$bgpid" || fail "round $i: status $?"
		bgpid=
		[ "$(cut -d' ' -f1 "$T/out")" = USR1 ] || fail "round $i: $(cat "$T/out")"
		[ ! -e "$T/pf" ] || fail "round $i: the pidfile is left behind"
	done
}

@test "--ready-fd: 100 starts in a row, none lost" {
	local n=100 i
	under_valgrind && n=15
	for ((i = 0; i < n; i++)); do
		start wait USR2
		[ "$pid" = "$bgpid" ] || fail "round $i: ready line '$pid', started $bgpid"
		kill -USR2 "$pid"
		finish
		[ "$status" = 0 ] && [ "${output%% *}" = USR2 ] || fail "round $i: $status $output"
	done
}

@test "--ready-fd 1: the PID is the first line of the output" {
	run --separate-stderr sigtool wait --ready-fd 1 USR1 -- sh -c 'echo $PPID >"$1"; kill -USR1 $PPID' _ "$T/pp"
	assert_success
	assert_line --index 0 "$(cat "$T/pp")"
	assert_line --index 1 --regexp "^USR1 code=SI_USER pid=[0-9]+ uid=$me\$"
	[ "${#lines[@]}" -eq 2 ]
}

@test "--pidfile replaces a symlink, never follows it; the file is readable by others" {
	ln -s "$T/target" "$T/pf"
	start wait USR1 --pidfile "$T/pf"
	[ ! -L "$T/pf" ]
	[ ! -e "$T/target" ]
	assert_equal "$(cat "$T/pf")" "$pid"
	run stat -c %a "$T/pf"
	assert_output "$(printf '%o' $((0666 & ~$(umask))))"
	# no temporary file is left in the directory
	run ls -A "$T"
	refute_output --partial ".pf."
	kill -USR1 "$pid"
	finish
	assert_equal "$status" 0
	[ ! -e "$T/pf" ]
}

@test "--pidfile: kept when a signal kills sigtool, or when it is no longer ours" {
	start wait USR1 --pidfile "$T/pf"
	kill -TERM "$pid"
	finish
	assert_equal "$status" 143
	assert_equal "$(cat "$T/pf")" "$pid"
	rm "$T/pf"
	start wait USR1 --pidfile "$T/pf"
	echo other >"$T/pf.new" && mv "$T/pf.new" "$T/pf"
	kill -USR1 "$pid"
	finish
	assert_equal "$status" 0
	assert_equal "$(cat "$T/pf")" other
}

@test "an unwritable pidfile: status 1 (125 with COMMAND, which is not run)" {
	run --separate-stderr sigtool wait USR1 --pidfile "$T/nodir/pf"
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" "sigtool: wait: cannot write pidfile '$T/nodir/pf': No such file or directory"
	touch "$T/file"
	run --separate-stderr sigtool wait USR1 --pidfile "$T/file/pf" -- touch "$T/ran"
	assert_failure 125
	assert_equal "$stderr" "sigtool: wait: cannot write pidfile '$T/file/pf': Not a directory"
	[ ! -e "$T/ran" ]
	run --separate-stderr sigtool wait USR1 --pidfile "$T/"
	assert_failure 1
	assert_equal "$stderr" "sigtool: wait: cannot write pidfile '$T/': Is a directory"
	run ls -A "$T"
	refute_output --partial "XXXXXX"
}

# ---- COMMAND ----------------------------------------------------------------

@test "COMMAND tells its parent it is ready" {
	run --separate-stderr sigtool wait USR1 -- sh -c 'echo $$ >"$1"; kill -USR1 $PPID' _ "$T/c"
	assert_success
	assert_output "USR1 code=SI_USER pid=$(cat "$T/c") uid=$me"
	drop_valgrind_notes
	assert_equal "$stderr" ""
}

@test "COMMAND ends first: its status reported, status 1" {
	run --separate-stderr sigtool wait USR1 -- sh -c 'exit 3'
	assert_failure 1
	assert_output ""
	drop_valgrind_notes
	assert_equal "$stderr" "sigtool: wait: 'sh' exited with status 3 before the signal arrived"
	run --separate-stderr sigtool wait USR1 -- sh -c 'kill -TERM $$'
	assert_failure 1
	drop_valgrind_notes
	assert_equal "$stderr" "sigtool: wait: 'sh' was killed by signal TERM before the signal arrived"
	run --separate-stderr sigtool wait RTMIN --count 3 -- sh -c 'exec "$1" queue $PPID "$2" 1' _ "$HELPER" "$RTMIN"
	assert_failure 1
	assert_output --regexp '^RTMIN code=SI_QUEUE pid=[0-9]+ uid=[0-9]+ value=1$'
	drop_valgrind_notes
	# COMMAND is named as given, whatever it exec'd
	assert_equal "$stderr" "sigtool: wait: 'sh' exited with status 0 after 1 of 3 signals"
}

@test "--from-child drops a signal from another sender" {
	# queued signals, so that the dropped one cannot merge with COMMAND's
	mkfifo "$T/go"
	start wait RTMIN --from-child -- sh -c 'echo $$ >"$1"; read x <"$2"; exec "$3" queue $PPID "$4" 2' \
		_ "$T/c" "$T/go" "$HELPER" "$RTMIN"
	"$HELPER" queue "$pid" "$RTMIN" 1
	echo go >"$T/go"
	finish
	assert_equal "$status" 0
	assert_equal "$output" "RTMIN code=SI_QUEUE pid=$(cat "$T/c") uid=$me value=2"
}

@test "--timeout with COMMAND: 124, COMMAND left running; --kill-on-timeout ends it" {
	start wait USR1 --timeout 0.5 -- sh -c 'echo $$ >"$1"; exec sleep 600' _ "$T/c"
	wait_for_file "$T/c"
	finish
	assert_equal "$status" 124
	c=$(cat "$T/c")
	kill -0 "$c"
	kill -KILL "$c"
	rm "$T/c"
	start wait USR1 --timeout 0.5 --kill-on-timeout -- sh -c 'echo $$ >"$1"; exec sleep 600' _ "$T/c"
	wait_for_file "$T/c"
	finish
	assert_equal "$status" 124
	# killed and reaped: the PID is gone, not a zombie
	run kill -0 "$(cat "$T/c")"
	assert_failure
}

@test "COMMAND inherits the original mask and dispositions, not the wait set" {
	# USR2 blocked, WINCH and CHLD ignored on the way in (valgrind 3.19 does
	# not pass an ignored CHLD on through execve: not that one there)
	local chld=17
	under_valgrind && chld=28
	state() { "$HELPER" exec -b "$USR2" -i 28 -i "$chld" -- "$@"; }
	want=$(state grep -E '^Sig(Blk|Ign|Cgt)' /proc/self/status)
	assert_equal "$(grep SigBlk <<<"$want")" "SigBlk:	$(mask_of "$USR2")"
	run --separate-stderr state ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait USR1,RTMIN,USR2 -- grep -E '^Sig(Blk|Ign|Cgt)' /proc/self/status
	assert_failure 1
	assert_output "$want"
	# --any: the same, then COMMAND's CHLD
	run --separate-stderr state ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait --any -- grep -E '^Sig(Blk|Ign|Cgt)' /proc/self/status
	assert_success
	assert_equal "$(head -n 3 <<<"$output")" "$want"
	assert_line --index 3 --regexp '^CHLD code=CLD_EXITED pid=[0-9]+ uid=[0-9]+ status=0$'
	# an ignored CHLD: sigtool still sees COMMAND end and gives its status
	run --separate-stderr state ${SIGTOOL_WRAPPER:-} "$SIGTOOL" wait CHLD -- sh -c 'exit 6'
	assert_success
	assert_output --regexp '^CHLD code=CLD_EXITED pid=[0-9]+ uid=[0-9]+ status=6$'
}

@test "--any with COMMAND: its CHLD is a signal like the others" {
	run --separate-stderr sigtool wait --any -- sh -c 'echo $$ >"$1"; exit 2' _ "$T/c"
	assert_success
	assert_output "CHLD code=CLD_EXITED pid=$(cat "$T/c") uid=$me status=2"
}

@test "COMMAND not found: 127; not executable: 126; the message names it" {
	run --separate-stderr sigtool wait USR1 -- "$T/nosuch"
	assert_failure 127
	assert_equal "$stderr" "sigtool: wait: cannot run '$T/nosuch': No such file or directory"
	run --separate-stderr sigtool wait USR1 -- no-such-command-sigtool
	assert_failure 127
	touch "$T/plain"
	run --separate-stderr sigtool wait USR1 -- "$T/plain"
	assert_failure 126
	assert_equal "$stderr" "sigtool: wait: cannot run '$T/plain': Permission denied"
	assert_output ""
}

@test "without pidfd_open (Linux < 5.3) COMMAND's end is seen through CHLD" {
	need_sysfail
	nopidfd() { "$TESTS_BIN/sysfail" pidfd_open=ENOSYS -- ${SIGTOOL_WRAPPER:-} "$SIGTOOL" "$@"; }
	# under valgrind 3.19, which lacks pidfd_open, valgrind warns on stderr
	run nopidfd wait USR1 -- sh -c 'exit 3'
	assert_failure 1
	assert_line "sigtool: wait: 'sh' exited with status 3 before the signal arrived"
	run --separate-stderr nopidfd wait USR1 -- sh -c 'echo $$ >"$1"; kill -USR1 $PPID; exit 0' _ "$T/c"
	assert_success
	# the CHLD taken to see COMMAND end is not printed
	assert_output "USR1 code=SI_USER pid=$(cat "$T/c") uid=$me"
	run --separate-stderr nopidfd wait CHLD -- sh -c 'exit 4'
	assert_success
	assert_output --regexp '^CHLD code=CLD_EXITED pid=[0-9]+ uid=[0-9]+ status=4$'
	run --separate-stderr nopidfd wait USR1 --timeout 0.2 --kill-on-timeout -- sleep 600
	assert_failure 124
}

@test "options after SIG and before '--'; COMMAND's own options stay its own" {
	run --separate-stderr sigtool wait USR1 -t 10 --count=1 -- sh -c 'kill -USR1 $PPID' -c --count
	assert_success
	assert_output --regexp '^USR1 code=SI_USER'
	# "--" as an option's value does not end the options
	run --separate-stderr sigtool wait --format -- USR1
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: wait: --format: invalid format '--' (use full, name or number)"
}

# ---- what is left alone -------------------------------------------------------

@test "a signal outside the set keeps its usual effect, PIPE too" {
	start wait USR1
	kill -TERM "$pid"
	finish
	assert_equal "$status" 143
	start wait USR1
	kill -PIPE "$pid"
	finish
	assert_equal "$status" 141
}

@test "the running wait blocks exactly the set, on top of what it inherited" {
	under_valgrind && skip "valgrind keeps its own mask in /proc/PID/status"
	no_sanitizer_handlers
	mkfifo "$T/ready"
	( exec "$HELPER" exec -b "$USR2" -- "$SIGTOOL" wait USR1,RTMIN --ready-fd 3 3>"$T/ready" >/dev/null ) &
	bgpid=$!
	read -r pid <"$T/ready"
	assert_equal "$(proc_mask "$pid" SigBlk)" "$(mask_of "$USR1" "$USR2" "$RTMIN")"
	# no handler, and what is ignored is what was inherited (an exec'd
	# program in the same place shows it)
	assert_equal "$(proc_mask "$pid" SigCgt)" "0000000000000000"
	assert_equal "$(proc_mask "$pid" SigIgn)" "$(sed -n 's/^SigIgn:[[:space:]]*//p' /proc/self/status)"
	kill -USR1 "$pid"
	wait "$bgpid"
	bgpid=
}

@test "--ready-fd: a reader that is gone is an error; on stdout, a quiet end" {
	mkfifo "$T/fifo"
	run --separate-stderr bash -c 'exec 3<>"$1" 4>"$1" 3<&-; "$SIGTOOL" wait USR1 --ready-fd 4' _ "$T/fifo"
	assert_failure 1
	assert_equal "$stderr" "sigtool: wait: cannot write to file descriptor 4: Broken pipe"
	# PIPE in the set changes nothing
	run --separate-stderr bash -c 'exec 3<>"$1" 4>"$1" 3<&-; "$SIGTOOL" wait --any --ready-fd 4' _ "$T/fifo"
	assert_failure 1
	assert_equal "$stderr" "sigtool: wait: cannot write to file descriptor 4: Broken pipe"
	run --separate-stderr bash -c 'exec 3<>"$1" 4>"$1" 3<&-; "$SIGTOOL" wait USR1 --ready-fd 1 >&4' _ "$T/fifo"
	assert_success
	assert_equal "$stderr" ""
	# the fd is closed once written, and not passed to COMMAND: its reader
	# sees the end of file while sigtool and COMMAND still run
	mkfifo "$T/go"
	run --separate-stderr timeout 20 bash -c '"$SIGTOOL" wait USR1 --ready-fd 3 3>&1 >/dev/null \
		-- sh -c "read x <\"\$1\"; kill -USR1 \$PPID" _ "$1" | { cat; echo go >"$1"; }' _ "$T/go"
	assert_success
	assert_output --regexp '^[0-9]+$'
}

@test "output: a write error is status 1, a reader gone is a quiet 0" {
	run --separate-stderr bash -c '"$SIGTOOL" wait USR1 -- sh -c "kill -USR1 \$PPID" >/dev/full'
	assert_failure 1
	drop_valgrind_notes
	assert_equal "$stderr" "sigtool: wait: write error: No space left on device"
	run --separate-stderr bash -c '"$SIGTOOL" wait USR1 -- sh -c "kill -USR1 \$PPID" >&-'
	assert_failure 1
	drop_valgrind_notes
	assert_equal "$stderr" "sigtool: wait: write error: Bad file descriptor"
	mkfifo "$T/fifo"
	run --separate-stderr bash -c 'exec 3<>"$1" 4>"$1" 3<&-; "$SIGTOOL" wait --stream --count 3 USR1 -- sh -c "kill -USR1 \$PPID; sleep 600" >&4' _ "$T/fifo"
	assert_success
	assert_equal "$stderr" ""
}

# ---- bad input ----------------------------------------------------------------

# bad ARGS... MESSAGE: status 2, nothing on stdout, MESSAGE then the hint.
bad() {
	local msg=${!#}
	run --separate-stderr sigtool wait "${@:1:$#-1}"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "sigtool: wait: $msg
Try 'sigtool wait --help' for more information."
}

@test "bad signal sets and no signal at all" {
	bad "missing signal (name the signals to wait for, or use --any)"
	bad -- true "missing signal (name the signals to wait for, or use --any)"
	bad USRR1 "unknown signal 'USRR1' (did you mean USR1?)"
	bad USR1,,USR2 "empty name in signal list 'USR1,,USR2'"
	bad USR1, "empty name in signal list 'USR1,' (trailing comma)"
	bad 0 "'0' is not a valid signal number (1-31, 34-64)"
	bad 32 "'32' is not a valid signal number (1-31, 34-64)"
	bad RTMIN+31 "real-time signal 'RTMIN+31' is out of range (RTMIN+0 to RTMIN+30)"
}

@test "KILL and STOP cannot be waited for" {
	bad KILL "signal 'KILL' cannot be blocked, caught or ignored"
	bad usr1,sigstop "signal 'sigstop' cannot be blocked, caught or ignored"
	bad 9 "signal '9' cannot be blocked, caught or ignored"
}

@test "bad durations: negative, NaN, infinity, hex, overflow, empty" {
	bad USR1 --timeout -1 "--timeout: invalid duration '-1': it is negative"
	bad USR1 --timeout nan "--timeout: invalid duration 'nan' (a non-negative number with an optional unit ms, s, m, h or d)"
	bad USR1 -t inf "--timeout: invalid duration 'inf' (a non-negative number with an optional unit ms, s, m, h or d)"
	bad USR1 -t 0x10 "--timeout: invalid duration '0x10': unknown unit 'x10' (use ms, s, m, h or d)"
	bad USR1 -t 99999999999999999999 "--timeout: duration '99999999999999999999' is too large"
	bad USR1 -t 200000d "--timeout: duration '200000d' is too large"
	bad USR1 --timeout= "--timeout: empty duration"
}

@test "bad counts: 0, negative, not a number, too large" {
	bad USR1 --count 0 "--count: count '0' is out of range (1 to 9223372036854775807)"
	bad USR1 -c -1 "--count: count '-1' is out of range (1 to 9223372036854775807)"
	bad USR1 -c two "--count: invalid count 'two'"
	bad USR1 -c 99999999999999999999 "--count: count '99999999999999999999' is out of range (1 to 9223372036854775807)"
}

@test "--ready-fd not open, not writable, not a number" {
	bad USR1 --ready-fd 9 "--ready-fd: file descriptor 9 is not open"
	run --separate-stderr bash -c '"$SIGTOOL" wait USR1 --ready-fd 9 9</dev/null'
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "sigtool: wait: --ready-fd: file descriptor 9 is not open for writing"
	bad USR1 --ready-fd x "--ready-fd: invalid file descriptor 'x'"
	bad USR1 --ready-fd -1 "--ready-fd: file descriptor '-1' is out of range (0 to 2147483647)"
}

@test "options that need another one, and conflicts" {
	bad USR1 --from-child "--from-child needs a COMMAND"
	bad USR1 --kill-on-timeout -t 1 "--kill-on-timeout needs a COMMAND"
	bad USR1 --kill-on-timeout -- true "--kill-on-timeout needs --timeout"
	bad USR1 -- "missing COMMAND after '--'"
	bad USR1 --json --format name "--json and --format cannot be used together"
	bad USR1 --format short "--format: invalid format 'short' (use full, name or number)"
}

@test "a usage error runs nothing and writes no pidfile" {
	run --separate-stderr sigtool wait USR1 -c 0 --pidfile "$T/pf" -- touch "$T/ran"
	assert_failure 2
	[ ! -e "$T/pf" ]
	[ ! -e "$T/ran" ]
}
