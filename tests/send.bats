#!/usr/bin/env bats
# send.bats - `sigtool send` (alias kill): every target kind, what the
# receiver saw (signal, si_code, sender, value), escalation, failures, and
# bad input that must send nothing.
#
# Receivers are tests/bin/sigrecv processes this file starts. To show that
# a signal did NOT arrive, a test sends USR1 (10) and afterwards a marker
# USR2 (12) with the shell's own kill: sigwaitinfo takes the lowest pending
# signal first, so a receiver whose first line is "12 ..." never got USR1.

bats_require_minimum_version 1.5.0
load helpers
load sendhelpers

@test "send: SIG PID sends through a pidfd; the receiver sees SI_USER from sigtool" {
	recv a -- USR1
	run sender send USR1 "$a"
	assert_success
	assert_output ''
	wait "$a"
	assert_equal "$(cat a.out)" "10 SI_USER $(cat sender) $(id -u) -"
}

# Real-time signals are queued, never merged: every one sent is seen.
@test "send: names, numbers and the kill alias all mean the same signal" {
	recv a -n 5 -- RTMIN+1
	rt=$(kill -l RTMIN+1)
	sigtool send SIGRTMIN+1 "$a"
	sigtool send rtmin+1 "$a"
	sigtool send "$rt" "$a"
	sigtool send RT1 "$a"
	sigtool kill RTMIN+1 "$a"
	wait "$a"
	assert_equal "$(grep -c "^$rt SI_USER " a.out)" 5
}

@test "send: kill(1) style -SIG as the first word" {
	recv a -n 3 -- RTMIN+1
	rt=$(kill -l RTMIN+1)
	sigtool send -RTMIN+1 "$a"
	sigtool kill "-$rt" "$a"
	sigtool kill -rtmin+1 -v "$a"
	wait "$a"
	assert_equal "$(grep -c "^$rt SI_USER " a.out)" 3
}

@test "send: signal 0 checks existence and sends nothing" {
	recv a -- USR1 USR2
	run sigtool send 0 "$a"
	assert_success
	assert_output ''
	run sigtool send 0 "$NOPID"
	assert_failure 1
	assert_output "sigtool: send: $NOPID: no such process"
	marker a
	assert_equal "$(cut -d' ' -f1,2 a.out)" "12 SI_USER"
}

@test "send --value: SI_QUEUE with the value, sender PID and UID" {
	recv a -n 2 -- RTMIN+1
	run sender send -q 42 RTMIN+1 "$a"
	assert_success
	sigtool send --value=-2147483648 RTMIN+1 "$a"
	wait "$a"
	rt=$(kill -l RTMIN+1)
	assert_equal "$(sed -n 1p a.out)" "$rt SI_QUEUE $(cat sender) $(id -u) 42"
	assert_equal "$(sed -n 2p a.out | cut -d' ' -f2,5)" "SI_QUEUE -2147483648"
}

@test "send --verbose: one line per target" {
	recv a -- USR1
	recv b -- USR1
	run sigtool send -v -q 7 USR1 "$a" "$b"
	assert_success
	assert_line --index 0 "sent USR1 with value 7 to $a"
	assert_line --index 1 "sent USR1 with value 7 to $b"
	wait "$a" "$b"
}

@test "send --json: JSON Lines with the shared field names" {
	recv a -- USR1
	run sigtool send --json -q 5 USR1 "$a"
	assert_success
	assert_output "{\"event\":\"sent\",\"signo\":10,\"name\":\"USR1\",\"value\":5,\"target\":\"pid\",\"pid\":$a}"
	wait "$a"
}

@test "send: several targets, one missing: the others are still signalled, status 1" {
	recv a -- USR1
	recv b -- USR1
	run --separate-stderr sigtool send -v USR1 "$a" "$NOPID" "$b"
	assert_failure 1
	assert_equal "$stderr" "sigtool: send: $NOPID: no such process"
	assert_line --index 0 "sent USR1 to $a"
	assert_line --index 1 "sent USR1 to $b"
	wait "$a" "$b"
	assert_equal "$(cut -d' ' -f1 a.out b.out)" $'10\n10'
}

@test "send: a target we may not signal gets 'operation not permitted'" {
	[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null || skip "needs root and setpriv"
	recv a -- USR1 USR2
	run setpriv --reuid=65534 --regid=65534 --clear-groups "$SIGTOOL" send USR1 "$a"
	assert_failure 1
	assert_output "sigtool: send: $a: operation not permitted"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "send --json: a failing target is an event too" {
	run --separate-stderr sigtool send --json USR1 "$NOPID"
	assert_failure 1
	assert_output "{\"event\":\"failed\",\"signo\":10,\"name\":\"USR1\",\"value\":null,\"target\":\"pid\",\"pid\":$NOPID,\"error\":\"ESRCH\"}"
	assert_equal "$stderr" "sigtool: send: $NOPID: no such process"
}

@test "send --pgid: the whole group of a new session, and nobody else" {
	setsid sh -c 'trap "" USR1; "$0" g1.ready USR1 > g1.out & "$0" g2.ready USR1 > g2.out & wait' \
		"$TESTS_BIN/sigrecv" &
	g=$!
	pids+=("$g")
	recv other -- USR1 USR2
	wait_for_file g1.ready
	wait_for_file g2.ready
	assert_equal "$(ps -o pgid= -o sid= -p "$g" | xargs)" "$g $g"
	run sigtool send -v --pgid "$g" USR1
	assert_success
	assert_output "sent USR1 to process group $g"
	wait "$g"
	assert_equal "$(cut -d' ' -f1,2 g1.out g2.out)" $'10 SI_USER\n10 SI_USER'
	marker other
	assert_equal "$(cut -d' ' -f1 other.out)" 12
}

@test "send --pgid: no such process group" {
	run sigtool send --pgid "$NOPID" USR1
	assert_failure 1
	assert_output "sigtool: send: process group $NOPID: no such process group"
}

@test "send --all: every process of the namespace but init and sigtool" {
	run isolated bash -c '
		"$0" a.ready USR1 > a.out & "$0" b.ready USR1 > b.out &
		while [ ! -s a.ready ] || [ ! -s b.ready ]; do sleep 0.01; done
		trap "" USR1
		$1 "$2" send -v --all USR1; echo "status=$?"
		wait; cat a.out b.out' "$TESTS_BIN/sigrecv" "${SIGTOOL_WRAPPER:-}" "$SIGTOOL"
	assert_success
	assert_line --index 0 "sent USR1 to every process"
	assert_line --index 1 "status=0"
	assert_line --index 2 --regexp '^10 SI_USER [0-9]+ [0-9]+ -$'
	assert_line --index 3 --regexp '^10 SI_USER [0-9]+ [0-9]+ -$'
}

# A thread-directed signal can be taken only by its own thread. The kernel
# reports tgkill(2) as SI_TKILL, or (seen on 6.18) as SI_USER.
@test "send --thread: tgkill reaches that thread" {
	threads t 3 USR1
	run sender send -v --thread "${tids[1]}" USR1 "$t"
	assert_success
	assert_output "sent USR1 to thread ${tids[1]} of $t"
	wait "$t"
	assert_regex "$(cat t.out)" "^${tids[1]} 10 SI_(TKILL|USER) $(cat sender) -\$"
}

@test "send --thread --value: rt_tgsigqueueinfo reaches that thread (SI_QUEUE)" {
	threads t 3 USR1
	sigtool send --thread "${tids[2]}" -q 99 USR1 "$t"
	wait "$t"
	assert_equal "$(cut -d' ' -f1,3,5 t.out)" "${tids[2]} SI_QUEUE 99"
}

@test "send --thread: a TID that is not a thread of PID is an error" {
	threads t 2 USR1
	recv other -- USR1 USR2
	run sigtool send --thread "$other" USR1 "$t"
	assert_failure 1
	assert_output "sigtool: send: thread $other of $t: no such thread in that process"
	marker other
	assert_equal "$(cut -d' ' -f1 other.out)" 12
}

@test "send: a thread ID as PID signals its process, as kill(2) does" {
	need_pidfds
	threads t 2 USR1
	run sigtool send -v USR1 "${tids[1]}"
	assert_success
	assert_output "sent USR1 to ${tids[1]} (a thread of process $t)"
	wait "$t"
	assert_equal "$(cut -d' ' -f2,3 t.out)" "10 SI_USER"
}

@test "send PID:INODE: the right inode is sent to, a wrong one refused" {
	need_pidfds
	recv a -- USR1 USR2
	ino=$(pidfs_inode "$a")
	run sigtool send USR1 "$a:$((ino + 1))"
	assert_failure 1
	assert_output "sigtool: send: $a:$((ino + 1)): PID $a is now another process (pidfs inode $ino); not signalled"
	run sigtool send USR2 "$a:$ino"
	assert_success
	wait "$a"
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "send --pidfile: the PID in the file, with or without a newline" {
	recv a -n 2 -- RTMIN
	echo "$a" > a.pid
	printf %s "$a" > b.pid
	run sigtool send -v --pidfile a.pid --pidfile b.pid RTMIN
	assert_success
	assert_line --index 0 "sent RTMIN to $a (from a.pid)"
	assert_line --index 1 "sent RTMIN to $a (from b.pid)"
	wait "$a"
	assert_equal "$(grep -c "^$(kill -l RTMIN) " a.out)" 2
}

@test "send --pidfile: no length limit on a PID with leading zeros (32, 64, 5000 bytes)" {
	recv a -n 3 -- RTMIN
	printf '%032d\n' "$a" > a.pid
	printf '%064d' "$a" > b.pid
	printf '%05000d\n' "$a" > c.pid
	run sigtool send -v --pidfile a.pid --pidfile b.pid --pidfile c.pid RTMIN
	assert_success
	assert_line --index 2 "sent RTMIN to $a (from c.pid)"
	wait "$a"
	assert_equal "$(grep -c "^$(kill -l RTMIN) " a.out)" 3
}

@test "send --pidfile: an unreadable pidfile fails alone; the others are signalled" {
	recv a -- USR1
	echo "$a" > a.pid
	run --separate-stderr sigtool send -v --pidfile missing.pid --pidfile a.pid USR1
	assert_failure 1
	assert_output "sent USR1 to $a (from a.pid)"
	assert_equal "$stderr" "sigtool: send: cannot read pidfile 'missing.pid': No such file or directory"
	wait "$a"
}

@test "send --thread --pidfile: an unreadable pidfile leaves no process" {
	run sigtool send --thread 1 --pidfile missing.pid USR1
	assert_failure 1
	assert_output "sigtool: send: cannot read pidfile 'missing.pid': No such file or directory"
}

@test "send --require-handler: sent to a process that catches SIG, skipped otherwise" {
	recv h -H HUP -- HUP
	recv n -- USR2
	run --separate-stderr sigtool send -v -r HUP "$h" "$n"
	assert_failure 1
	assert_output "sent HUP to $h"
	assert_equal "$stderr" "sigtool: send: $n: has no handler for HUP; not signalled (--require-handler)"
	wait "$h"
	assert_equal "$(cut -d' ' -f1 h.out)" 1
	# n was not killed by HUP: it is still there to take USR2 and exit 0
	kill -USR2 "$n"
	wait "$n"
	assert_equal "$(cut -d' ' -f1 n.out)" 12
}

@test "send --dry-run: prints the plan, sends nothing" {
	need_pidfds
	recv a -- USR1 USR2
	run sigtool send -n -q 3 --then 1500ms:KILL USR1 "$a"
	assert_success
	assert_line --index 0 "would send USR1 with value 3 to $a"
	assert_line --index 1 "would send KILL to $a after 1.500000000s if it is still running"
	run sigtool send -n USR1 "$NOPID"
	assert_failure 1
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

@test "send --dry-run --json: would-send events with after_ms" {
	need_pidfds
	recv a -- USR1 USR2
	run sigtool send -n --json --then 2s:KILL USR1 "$a"
	assert_success
	assert_equal "$(jq -c '[.event, .name, .after_ms]' <<<"$output" | tr '\n' ' ')" \
		'["would-send","USR1",0] ["would-send","KILL",2000] '
	marker a
}

@test "send --then: a target that ignores TERM ends by KILL after the delay" {
	need_pidfds
	recv t -i TERM --
	start=$(date +%s%N)
	run sigtool send -v --then 300ms:KILL TERM "$t"
	elapsed=$(( $(date +%s%N) - start ))
	assert_success
	assert_line --index 0 "sent TERM to $t"
	assert_line --index 1 "sent KILL to $t"
	assert_line --index 2 "$t ended after KILL"
	[ "${#lines[@]}" -eq 3 ]
	[ "$elapsed" -ge 300000000 ]
	st=0
	wait "$t" || st=$?
	assert_equal "$st" 137     # its parent saw it die of KILL
}

@test "send --then: a target that obeys TERM is not signalled again" {
	need_pidfds
	recv t --
	run sigtool send -v --then 10s:KILL TERM "$t"
	assert_success
	assert_output "sent TERM to $t
$t ended after TERM"
	st=0
	wait "$t" || st=$?
	assert_equal "$st" 143
}

@test "send --then twice: INT, then KILL, to the targets still running" {
	need_pidfds
	recv a -i TERM,INT --
	recv b -i TERM --
	run sigtool send -v --then 200ms:INT --then 200ms:KILL TERM "$a" "$b"
	assert_success
	assert_line "$b ended after INT"
	assert_line "$a ended after KILL"
	refute_line "sent KILL to $b"
	sb=0 sa=0
	wait "$b" || sb=$?
	wait "$a" || sa=$?
	assert_equal "$sb $sa" "130 137"
}

@test "send --then --json: sent and ended events" {
	need_pidfds
	recv t -i TERM --
	run sigtool send --json --then 100ms:KILL TERM "$t"
	assert_success
	assert_equal "$(jq -c '[.event, .name, .pid]' <<<"$output" | tr '\n' ' ')" \
		"[\"sent\",\"TERM\",$t] [\"sent\",\"KILL\",$t] [\"ended\",\"KILL\",$t] "
}

@test "send --wait: returns once the targets have ended" {
	need_pidfds
	recv a --
	recv b --
	run sigtool send --wait=10s TERM "$a" "$b"
	assert_success
	sa=0 sb=0
	wait "$a" || sa=$?
	wait "$b" || sb=$?
	assert_equal "$sa $sb" "143 143"
}

@test "send --wait=DUR: status 124 when a target is still running" {
	need_pidfds
	recv t -i TERM --
	run --separate-stderr sigtool send --wait=200ms TERM "$t"
	assert_failure 124
	assert_equal "$stderr" "sigtool: send: $t is still running after 200ms"
	kill -0 "$t"
}

@test "send, pidfd-send --wait=DUR count time spent stopped: STOP past it, CONT, 124 at once" {
	need_pidfds
	recv t -i TERM --
	for verb in send pidfd-send; do
		( exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" $verb --wait=2 TERM "$t" 2>err ) &
		s=$!
		stop_in_poll "$s" 3
		st=0
		wait "$s" || st=$?
		elapsed=$((($(date +%s%N) - cont_ns) / 1000000))
		assert_equal "$st" 124
		assert_equal "$(cat err)" "sigtool: $verb: $t is still running after 2s"
		[ "$elapsed" -lt 1000 ] || fail "$verb ended $elapsed ms after CONT, not at once"
	done
	kill -0 "$t"
}

@test "send --then: the steps' deadlines count time spent stopped too" {
	need_pidfds
	recv t -i TERM,USR1 --
	( exec ${SIGTOOL_WRAPPER:-} "$SIGTOOL" send -v --then 2s:USR1 --wait=1s TERM "$t" >out 2>err ) &
	s=$!
	stop_in_poll "$s" 4
	st=0
	wait "$s" || st=$?
	elapsed=$((($(date +%s%N) - cont_ns) / 1000000))
	assert_equal "$st" 124
	assert_equal "$(cat out)" "sent TERM to $t
sent USR1 to $t"
	[ "$elapsed" -lt 1000 ] || fail "ended $elapsed ms after CONT, not at once"
	kill -0 "$t"
}

@test "send: status 1 wins over 124" {
	need_pidfds
	recv t -i TERM --
	run sigtool send --wait=100ms TERM "$t" "$NOPID"
	assert_failure 1
}

@test "send -v to /dev/full: the signal is sent, the write error is status 1" {
	recv a -- USR1
	run bash -c '$0 "$1" send -v USR1 "$2" > /dev/full' "${SIGTOOL_WRAPPER:-}" "$SIGTOOL" "$a"
	assert_failure 1
	assert_output --partial "write error"
	wait "$a"
}

# ---- kernels without pidfds, simulated with seccomp --------------------

@test "send: without pidfds (ENOSYS) kill(2) and sigqueue(3) are used" {
	need_sysfail
	recv a -n 2 -- USR1
	run "$TESTS_BIN/sysfail" pidfd_open=ENOSYS pidfd_send_signal=ENOSYS -- \
		"$SIGTOOL" send -v USR1 "$a"
	assert_success
	assert_output "sent USR1 to $a"
	"$TESTS_BIN/sysfail" pidfd_open=ENOSYS -- "$SIGTOOL" send -q 8 USR1 "$a"
	wait "$a"
	assert_equal "$(cut -d' ' -f2 a.out | xargs)" "SI_USER SI_QUEUE"
}

@test "send: without pidfds, --wait, --then and PID:INODE are refused" {
	need_sysfail
	recv a -- USR1 USR2
	run "$TESTS_BIN/sysfail" pidfd_open=ENOSYS -- "$SIGTOOL" send --wait=1s USR1 "$a"
	assert_failure 1
	assert_output "sigtool: send: --wait and --then need pidfds, which this kernel lacks (Linux 5.3+ needed); nothing was sent"
	run "$TESTS_BIN/sysfail" pidfd_open=ENOSYS -- "$SIGTOOL" send USR1 "$a:5"
	assert_failure 1
	assert_output "sigtool: send: $a:5: PID:INODE needs pidfds, which this kernel lacks (Linux 6.9+ needed)"
	run "$TESTS_BIN/sysfail" fstatfs=EOPNOTSUPP -- "$SIGTOOL" send USR1 "$a:5"
	assert_failure 1
	assert_output "sigtool: send: $a:5: PID:INODE needs pidfs, which this kernel lacks (Linux 6.9+ needed)"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

# ---- system calls that fail where they should not (seccomp) -----------

@test "send --wait: a failing ppoll is reported after the signal went out" {
	need_sysfail
	recv a -- USR1
	run "$TESTS_BIN/sysfail" ppoll=EINVAL -- "$SIGTOOL" send --wait=5s USR1 "$a"
	assert_failure 1
	assert_output "sigtool: send: cannot wait for the targets: Invalid argument"
	wait "$a"
	assert_equal "$(cut -d' ' -f1 a.out)" 10
}

@test "send PID:INODE: an unreadable pidfd inode is an error and nothing is sent" {
	need_sysfail
	# the dynamic loader needs fstat too; only a static PIE gets to main()
	ldd "$SIGTOOL" 2>/dev/null | grep -q 'statically linked' ||
		skip "sigtool is dynamically linked (its loader would fail first)"
	recv a -- USR1 USR2
	ino=$(pidfs_inode "$a")
	run "$TESTS_BIN/sysfail" newfstatat=EPERM -- "$SIGTOOL" send USR1 "$a:$ino"
	assert_failure 1
	assert_output "sigtool: send: $a:$ino: cannot read the inode of its pidfd: Operation not permitted"
	marker a
	assert_equal "$(cut -d' ' -f1 a.out)" 12
}

# ---- bad input: status 2, a message naming the word, nothing sent ------

@test "send: a negative number is never a PID" {
	bad send TERM -1
	assert_line "sigtool: send: invalid PID '-1': negative (use --pgid for a process group, --all for every process)"
	bad send USR1 -1
	bad send -v USR1 @R@ -1
	bad send USR1 -- -1
	bad send -9 -1
	bad kill -KILL -1
	bad send --value -5 USR1 -42
	assert_line "sigtool: send: invalid PID '-42': negative (use --pgid for a process group, --all for every process)"
	bad send --pgid -5 USR1
	assert_line "sigtool: send: --pgid: invalid PID '-5': negative"
}

@test "send: bad signals" {
	bad send TREM @R@
	assert_line "sigtool: send: unknown signal 'TREM' (did you mean TERM?)"
	bad send -TREM @R@
	bad send 65 @R@
	bad send '' @R@
	bad send RTMIN+99 @R@
	bad send --then 5s:0 USR1 @R@
	bad send --wait 5s USR1 @R@
	assert_line "sigtool: send: invalid signal number '5s' (to wait at most 5s, write --wait=5s)"
}

@test "send: bad PIDs: one bad word and nothing is sent to the good ones" {
	bad send USR1 @R@ 12x
	assert_line "sigtool: send: invalid PID '12x'"
	bad send USR1 @R@ ''
	bad send USR1 @R@ 0
	bad send USR1 @R@ 2147483648
	bad send USR1 @R@ ' 7'
	bad send USR1 @R@ +7
	bad send USR1 @R@:abc
	bad send --pgid 0 USR1
	bad send --thread x USR1 @R@
}

@test "send: bad --pidfile contents" {
	for content in 'abc' '' '12 13' '-5' $'7\n\n' ' 7' $'7\r' 99999999999; do
		printf %s "$content" > bad.pid
		bad send --pidfile "$PWD/bad.pid" USR1 @R@
		assert_line --partial "pidfile '$PWD/bad.pid'"
	done
	head -c 100 /dev/zero | tr '\0' 7 > long.pid
	bad send --pidfile "$PWD/long.pid" USR1
	assert_line --regexp "^sigtool: send: pidfile '$PWD/long.pid': PID '7{20,}.* is out of range"
}

# A FIFO would block open() and read() for ever: it is refused at once, as
# a device, a socket or a directory is, like a pidfile that cannot be read
# (status 1), naming it; the other targets are still signalled.
@test "send --pidfile FIFO, device, directory: refused at once, named, status 1" {
	mkfifo "$PWD/fifo"
	mkdir "$PWD/dir"
	for f in "$PWD/fifo" /dev/zero "$PWD/dir"; do
		why="not a regular file"
		[ "$f" != "$PWD/dir" ] || why="Is a directory"
		run isolated bash -c '
			rm -f r.ready
			"$0" r.ready USR1 USR2 > r.out & r=$!
			while [ ! -s r.ready ]; do sleep 0.01; done
			echo $r > good.pid
			timeout 10 $1 "$2" send --pidfile "$3" --pidfile good.pid USR1 > stdout 2> stderr
			st=$?
			wait $r; rs=$?
			echo "status=$st receiver=$rs stdout=$(wc -c < stdout)"
			cut -d" " -f1 r.out
			cat stderr' "$TESTS_BIN/sigrecv" "${SIGTOOL_WRAPPER:-}" "$SIGTOOL" "$f"
		assert_success
		assert_line --index 0 "status=1 receiver=0 stdout=0"
		assert_line --index 1 "10"
		assert_line --index 2 "sigtool: send: cannot read pidfile '$f': $why"
		[ "${#lines[@]}" -eq 3 ]
	done
}

@test "send: bad durations and --then steps" {
	bad send --wait=-1s USR1 @R@
	assert_line "sigtool: send: --wait: invalid duration '-1s': it is negative"
	bad send --wait=abc USR1 @R@
	bad send --wait=1e3 USR1 @R@
	bad send --wait=0x10 USR1 @R@
	bad send --wait=inf USR1 @R@
	bad send --then 5s USR1 @R@
	assert_line "sigtool: send: --then: invalid DUR:SIG '5s': no ':' (e.g. 5s:KILL)"
	bad send --then :KILL USR1 @R@
	assert_line "sigtool: send: --then: invalid DUR:SIG ':KILL': missing duration before ':' (e.g. 5s:KILL)"
	bad send --then 5s: USR1 @R@
	assert_line "sigtool: send: --then: invalid DUR:SIG '5s:': missing signal after ':' (e.g. 5s:KILL)"
	bad send --then x:KILL USR1 @R@
	assert_line "sigtool: send: --then: invalid DUR:SIG 'x:KILL': invalid duration 'x' (a non-negative number with an optional unit ms, s, m, h or d)"
	bad send --then 5s:KILX USR1 @R@
	assert_line "sigtool: send: --then: invalid DUR:SIG '5s:KILX': unknown signal 'KILX' (did you mean KILL?)"
}

@test "send --wait=5x: the option and the word named, PID 1 of the namespace untouched" {
	bad send --wait=5x TERM 1
	assert_line "sigtool: send: --wait: invalid duration '5x': unknown unit 'x' (use ms, s, m, h or d)"
}

@test "send: bad --value" {
	bad send -q 2147483648 USR1 @R@
	assert_line "sigtool: send: --value: value '2147483648' is out of range (-2147483648 to 2147483647)"
	bad send -q -2147483649 USR1 @R@
	bad send -q abc USR1 @R@
	bad send -q '' USR1 @R@
	bad send --value=1.5 USR1 @R@
}

@test "send: conflicting and missing options" {
	bad send --all USR1 @R@
	assert_line "sigtool: send: --all cannot be combined with PIDs, --pgid, --pidfile or --thread"
	bad send --all --pgid @R@ USR1
	bad send --thread 1 USR1 @R@ @R@
	assert_line "sigtool: send: --thread needs exactly one PID (or --pidfile): the process of the threads"
	bad send --thread 1 USR1
	bad send --thread 1 --pgid @R@ USR1 @R@
	bad send --pgid @R@ -q 1 USR1
	assert_line "sigtool: send: --value cannot be used with --pgid or --all: a queued signal goes to one process"
	bad send --all -q 1 USR1
	bad send --pgid @R@ --wait USR1
	assert_line "sigtool: send: --wait and --then wait for processes: not with --pgid, --all or --thread"
	bad send --all --then 1s:KILL USR1
	bad send --thread 1 --wait USR1 @R@
	bad send -r --pgid @R@ USR1
	bad send -r 0 @R@
	assert_line "sigtool: send: --require-handler needs a signal that can be caught, not 0"
	bad send -r KILL @R@
	bad send --thread 1 USR1 @R@:5
	bad send USR1
	assert_line "sigtool: send: missing PID (or --pgid, --pidfile, --all)"
	bad send
	assert_line "sigtool: send: missing signal"
	bad send --bogus USR1 @R@
	bad send -x USR1 @R@
}

# ---- help and completion ------------------------------------------------

@test "send --help: exit statuses and the kill alias" {
	run sigtool send --help
	assert_success
	assert_line "  124  --wait: a target was still running when DUR expired"
	assert_line "'sigtool kill' is another name for 'sigtool send'."
	run sigtool help kill
	assert_success
	assert_line --index 0 --partial "Usage: sigtool send "
}

@test "send: completion offers signals, then PIDs" {
	recv a -- USR1 USR2
	run sigtool --complete send ''
	assert_line --regexp $'^TERM\t'
	assert_line --regexp $'^RTMIN\\+1\t'
	refute_line --regexp "^$a"$'\t'
	run sigtool --complete send TERM ''
	assert_line --regexp "^$a"$'\tsigrecv$'
	refute_line --regexp $'^TERM\t'
	run sigtool --complete kill -v TERM "$a" ''
	assert_line --regexp "^$a"$'\t'
	run sigtool --complete send --pgid ''
	assert_line --regexp "^$a"$'\t'
	run sigtool --complete send --pidfile ''
	assert_output ':file'
	run sigtool --complete send --th
	assert_line --regexp $'^--thread=\t'
	assert_line --regexp $'^--then=\t'
	[ "${#lines[@]}" -eq 2 ]
	marker a
}
